// Idle sign-out: a PC left unattended signs out after the minutes its administrator set. Typing,
// clicking and scrolling count as use; the backend is told at most once a minute, so its own
// idle check (which refuses commands after the same time) never ends a session still in use.
import { api } from './api'
import { signOutBecause, state } from './state'

const ACTIVITY = ['mousedown', 'keydown', 'wheel', 'touchstart', 'mousemove'] as const
const TELL_BACKEND_EVERY_MS = 60_000
const CHECK_EVERY_MS = 5_000

let lastUse = Date.now()
let lastTold = 0

function used(): void {
  lastUse = Date.now()
  if (state.session && lastUse - lastTold > TELL_BACKEND_EVERY_MS) {
    lastTold = lastUse
    api.keepAlive().catch(() => undefined)
  }
}

/** Watch for use of the window, and sign out once it has been idle too long. */
export function watchIdle(): void {
  for (const event of ACTIVITY) window.addEventListener(event, used, { passive: true, capture: true })
  window.setInterval(() => {
    if (!state.session) {
      lastUse = Date.now()
      return
    }
    if (Date.now() - lastUse > state.idleMinutes * 60_000) {
      void signOutBecause(`超过 ${state.idleMinutes} 分钟未操作，已自动退出登录，请重新登录`)
    }
  }, CHECK_EVERY_MS)
}
