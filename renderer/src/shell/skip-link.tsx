import { useTranslation } from 'react-i18next';

/**
 * The first stop of the Tab key: jumps past the header to the page. A button-like link, since
 * a plain `#main` href would be read as a route by the hash router.
 */
export function SkipLink({ target }: { target: string }) {
  const { t } = useTranslation('shell');
  return (
    <a
      className="skip-link"
      href={`#${target}`}
      onClick={(e) => {
        e.preventDefault();
        document.getElementById(target)?.focus();
      }}
    >
      {t('skipToContent')}
    </a>
  );
}
