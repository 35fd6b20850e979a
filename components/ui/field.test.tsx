import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Field } from './field';
import { Input } from './input';

describe('Field', () => {
  it.each([
    ['label only', {}, { describedby: null, invalid: null }],
    ['hint', { hint: 'Shown in the sidebar.' }, { describedby: 'f-hint', invalid: null }],
    ['error', { error: 'Pick a name.' }, { describedby: 'f-error', invalid: 'true' }],
    ['error and hint, error first', { hint: 'h', error: 'e' }, { describedby: 'f-error f-hint', invalid: 'true' }],
  ])('%s', (_name, props, expected) => {
    const html = renderToStaticMarkup(
      <Field id="f" label="Name" {...props}>
        {(control) => <Input {...control} />}
      </Field>,
    );
    expect(html).toContain('<label class="field-label" for="f">Name</label>');
    expect(attribute(html, 'input', 'aria-describedby')).toBe(expected.describedby);
    expect(attribute(html, 'input', 'aria-invalid')).toBe(expected.invalid);
  });

  it('marks a required field for everyone: `required` on the control, an asterisk hidden from screen readers', () => {
    const html = renderToStaticMarkup(
      <Field id="f" label="Name" required>
        {(control) => <Input {...control} />}
      </Field>,
    );
    expect(html).toContain('<span class="field-required" aria-hidden="true">*</span>');
    expect(html).toMatch(/<input[^>]* required=""/);
  });
});

function attribute(html: string, tag: string, name: string): string | null {
  const element = new RegExp(`<${tag}\\b[^>]*>`).exec(html)?.[0] ?? '';
  return new RegExp(`\\b${name}="([^"]*)"`).exec(element)?.[1] ?? null;
}
