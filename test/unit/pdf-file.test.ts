import { describe, expect, it } from 'vitest';
import { looksLikePdf, pdfFileName, pdfTarget } from '../../main/backend/print/pdf-file';

describe('the PDF file name offered', () => {
  it('names the report, what it is about and the day', () => {
    expect(pdfFileName('studentProfile', 'Ana Silva', '2026-12-03')).toBe(
      'Beacon - Student profile - Ana Silva - 2026-12-03.pdf',
    );
    expect(pdfFileName('riskList', undefined, '2026-12-03')).toBe(
      'Beacon - At risk - 2026-12-03.pdf',
    );
  });

  it('keeps a name from reaching another folder or a character file systems refuse', () => {
    const name = pdfFileName('studentProfile', '../../etc/pa:ss\u0000wd <x>|?*"', '2026-12-03');
    expect(name).toBe('Beacon - Student profile - etc pa ss wd x - 2026-12-03.pdf');
    // eslint-disable-next-line no-control-regex -- the NUL must not survive
    expect(name).not.toMatch(/[/\\:<>|?*"\u0000]/);
  });

  it('caps a long name and keeps its extension', () => {
    const name = pdfFileName('studentProfile', 'x'.repeat(500), '2026-12-03');
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('where a PDF may be written', () => {
  it('takes a full path ending in .pdf, any case', () => {
    expect(pdfTarget('/home/ana/Documents/report.pdf')).toBe('/home/ana/Documents/report.pdf');
    expect(pdfTarget('/home/ana/report.PDF')).toBe('/home/ana/report.PDF');
  });

  it('adds .pdf when the dialog dropped it', () => {
    expect(pdfTarget('/home/ana/report')).toBe('/home/ana/report.pdf');
  });

  it('refuses another extension, a relative path or a folder, saying which', () => {
    expect(() => pdfTarget('/home/ana/.bashrc.sh')).toThrow(/ends in \.pdf, not "\.sh"/);
    expect(() => pdfTarget('report.pdf')).toThrow(/full path/);
    expect(() => pdfTarget('/home/ana/')).toThrow(/names a folder/);
  });

  it('knows a PDF by its first bytes', () => {
    expect(looksLikePdf(new TextEncoder().encode('%PDF-1.7\n'))).toBe(true);
    expect(looksLikePdf(new TextEncoder().encode('<html>'))).toBe(false);
  });
});
