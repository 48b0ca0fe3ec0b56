import { describe, expect, test } from 'vitest'
import { renderMarkdown } from './markdown.server'

describe('Markdown descriptions', () => {
  test('renders the usual formatting', () => {
    const html = renderMarkdown('# Contexte\n\nNous cherchons **une PME** :\n\n- capteurs\n- *edge*\n\n[Cahier des charges](https://example.org/cdc.pdf)')
    expect(html).toContain('<h2>Contexte</h2>')
    expect(html).toContain('<strong>une PME</strong>')
    expect(html).toContain('<li>capteurs</li>')
    expect(html).toContain('<a href="https://example.org/cdc.pdf" rel="noopener noreferrer nofollow" target="_blank">Cahier des charges</a>')
  })

  test('removes scripts, event handlers and dangerous links', () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror="alert(1)">[x](javascript:alert(1)) <iframe src="https://evil.example"></iframe>')
    expect(html).not.toMatch(/<script|onerror|href="javascript:|<iframe|<img/i)
    expect(renderMarkdown('<a href="javascript:alert(1)">x</a>')).not.toContain('javascript:')
  })
})
