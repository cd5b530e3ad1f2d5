import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../../shared/receipt/print-data';

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;',
    );
  });

  it('escapes an ampersand first, so an existing entity stays visible as typed', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });

  it('leaves plain text, amounts and non-ASCII names alone', () => {
    expect(escapeHtml('Nguyễn Văn An, $182.40 #12')).toBe('Nguyễn Văn An, $182.40 #12');
  });
});
