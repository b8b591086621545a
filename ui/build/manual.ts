// The manual (docs/manual/*.md, Chinese, with the E2E run's screenshots) rendered into the app's
// bundle as manual/index.html: 帮助 shows it without network, and it prints on A4. Chapters are
// the Markdown files in name order; markdown-it renders them with raw HTML turned off.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import MarkdownIt from 'markdown-it'
import type { Plugin } from 'vite'

/** Where the manual's sources are, from ui/. */
const SOURCES = fileURLToPath(new URL('../../docs/manual', import.meta.url))

/** A chapter (h1) or section (h2) heading, gathered for the table of contents. */
interface Section {
  id: string
  title: string
  level: number
}

function render(markdown: InstanceType<typeof MarkdownIt>, text: string, sections: Section[]): string {
  const tokens = markdown.parse(text, {})
  tokens.forEach((token, index) => {
    if (token.type !== 'heading_open') return
    const id = `s${sections.length + 1}`
    token.attrSet('id', id)
    sections.push({ id, title: tokens[index + 1]?.content ?? '', level: Number(token.tag.slice(1)) })
  })
  return markdown.renderer.render(tokens, markdown.options, {})
}

/** The whole manual as one HTML page. */
export function manualPage(folder = SOURCES): string {
  const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false })
  const sections: Section[] = []
  const chapters = readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `<section class="chapter">${render(markdown, readFileSync(join(folder, name), 'utf8'), sections)}</section>`)
  const contents = sections
    .filter((s) => s.level <= 2)
    .map((s) => `<li class="l${s.level}"><a href="#${s.id}">${markdown.utils.escapeHtml(s.title)}</a></li>`)
    .join('')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>台账使用手册</title>
<style>${STYLE}</style></head>
<body><nav class="contents"><div class="contents-title">目录</div><ul>${contents}</ul></nav>${chapters.join('\n')}</body></html>
`
}

/** Screen and A4 print styles: pictures fit the page, a chapter starts a new sheet. */
const STYLE = `
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; color: #1f2d3d; max-width: 920px; margin: 0 auto; padding: 24px 32px 64px; line-height: 1.75; font-size: 15px; }
h1 { font-size: 26px; border-bottom: 3px solid #b01e23; padding-bottom: 6px; }
h2 { font-size: 20px; margin-top: 32px; border-left: 5px solid #b01e23; padding-left: 10px; }
h3 { font-size: 16px; margin-top: 22px; }
img { max-width: 100%; border: 1px solid #dcdfe6; border-radius: 4px; display: block; margin: 10px 0; }
table { border-collapse: collapse; margin: 10px 0; }
th, td { border: 1px solid #dcdfe6; padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f5f7fa; }
code { background: #f5f7fa; padding: 1px 4px; border-radius: 3px; }
blockquote { margin: 10px 0; padding: 6px 14px; background: #fdf6ec; border-left: 4px solid #e6a23c; }
.contents ul { list-style: none; padding: 0; }
.contents .l1 { font-weight: 700; margin-top: 8px; }
.contents .l2 { padding-left: 2em; }
.contents-title { font-size: 22px; font-weight: 700; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .chapter { break-before: page; }
  h2, h3 { break-after: avoid; }
  img, table, blockquote { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`

/** Vite plugin: emit manual/index.html and the pictures it shows into the build. */
export function manual(): Plugin {
  return {
    name: 'taizhang-manual',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'manual/index.html', source: manualPage() })
      const images = join(SOURCES, 'images')
      const pictures = existsSync(images) ? readdirSync(images).filter((n) => n.endsWith('.png')) : []
      for (const name of pictures) {
        this.emitFile({ type: 'asset', fileName: `manual/images/${name}`, source: readFileSync(join(images, name)) })
      }
    },
  }
}
