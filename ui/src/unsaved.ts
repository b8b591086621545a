// Typing is never lost: the progress form keeps what the clerk types in a local draft (restored
// when the record is opened again, marked as unsaved), and leaving the page or closing the
// window with unsaved typing asks 保存草稿 / 放弃 / 取消.
import { reactive } from 'vue'
import type { ProgressRecord } from './api'

/** What a form holds, as the core's record gives it. */
export type FormValues = ProgressRecord['form']

/** A form's unsaved typing, kept on this PC until it is saved or given up. */
export interface LocalDraft {
  /** The form as typed. */
  form: FormValues
  /** When it was last typed in (ISO time). */
  typedAt: string
}

const PREFIX = 'taizhang:unsaved:'

/** The key of one account's typing in one record. */
export function draftKey(username: string, period: string, code: string, department: string): string {
  return `${PREFIX}${JSON.stringify([username, period, code, department])}`
}

export function loadDraft(key: string): LocalDraft | null {
  try {
    const raw = localStorage.getItem(key)
    return raw ? (JSON.parse(raw) as LocalDraft) : null
  } catch {
    return null
  }
}

export function storeDraft(key: string, draft: LocalDraft): void {
  localStorage.setItem(key, JSON.stringify(draft))
}

export function dropDraft(key: string): void {
  localStorage.removeItem(key)
}

/** Forms open with unsaved typing: their key and how to save them as a draft. */
export const openForms = reactive(new Map<string, () => Promise<boolean>>())

/** The clerk's answer when leaving with unsaved typing. */
export type LeaveChoice = 'save' | 'discard' | 'cancel'

/** The question shown by LeaveDialog.vue while it is open. */
export const leaveQuestion = reactive({ open: false, answer: null as ((choice: LeaveChoice) => void) | null })

function ask(): Promise<LeaveChoice> {
  return new Promise((resolve) => {
    leaveQuestion.answer = (choice) => {
      leaveQuestion.open = false
      leaveQuestion.answer = null
      resolve(choice)
    }
    leaveQuestion.open = true
  })
}

/**
 * May the user leave (another page, or the window)? Without unsaved typing, yes. With it, asks:
 * 保存草稿 (saves every open form as a draft; stays if a save fails), 放弃 (drops the typing), or
 * 取消 (stays).
 */
export async function mayLeave(): Promise<boolean> {
  if (!openForms.size) return true
  const choice = await ask()
  if (choice === 'cancel') return false
  if (choice === 'discard') {
    for (const key of [...openForms.keys()]) dropDraft(key)
    openForms.clear()
    return true
  }
  for (const [key, save] of [...openForms]) {
    if (!(await save())) return false
    openForms.delete(key)
  }
  return true
}
