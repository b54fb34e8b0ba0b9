import { useTranslation } from 'react-i18next';

export type ImportStep = 'choose' | 'map' | 'check' | 'run';
const steps: readonly ImportStep[] = ['choose', 'map', 'check', 'run'];

/** The wizard's four steps, the current one marked for assistive technology too. */
export function ImportSteps({ current }: { current: ImportStep }) {
  const { t } = useTranslation('import');
  return (
    <nav aria-label={t('steps')}>
      <ol className="wizard-steps">
        {steps.map((step) => (
          <li key={step} aria-current={step === current ? 'step' : undefined}>
            {t(`step.${step}`)}
          </li>
        ))}
      </ol>
    </nav>
  );
}
