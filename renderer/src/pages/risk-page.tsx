import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Failure, RiskList, RiskTier } from '../../../contract';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { SavePdfButton } from '../components/save-pdf-button';
import { useFormat } from '../i18n/format';
import { failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';
import { modelKindName } from '../risk/model-kind';
import { scoreWords } from '../risk/score-words';
import { useAllRisk } from '../risk/use-all-risk';
import { RiskFilters } from './risk/risk-filters';
import { RiskPrint } from './risk/risk-print';
import { RiskTable } from './risk/risk-table';
import { TierFigures } from './risk/tier-figures';

/** The score the page reads out as an example of what a percentage means. */
const EXAMPLE_SCORE = 0.06;

const isTier = (s: string | null): s is RiskTier => s === 'high' || s === 'medium' || s === 'low';

/**
 * Every scored student, highest risk first, filtered by tier and class (kept in the address,
 * so the home page can link to a tier). A teacher's list holds only their own classes (the
 * backend filters it). Above the table, what a percentage means in words and how often the
 * model's tiers were right on held-out students. Prints as a list with the school, date and
 * model version, and the same tier figures.
 */
export function RiskPage() {
  const { t } = useTranslation('risk');
  const { t: tc } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tierParam = params.get('tier');
  const tier = isTier(tierParam) ? tierParam : undefined;
  const classId = params.get('class') ?? undefined;
  const list = useAllRisk({ tier, classId });
  const classes = useRequest('listClasses', {});
  const school = useRequest('getSchool', {});
  const current = (classes.data ?? []).filter((c) => c.enrolledCount > 0);
  const className = current.find((c) => c.id === classId)?.name ?? null;
  const [pdfSaved, setPdfSaved] = useState<string | null>(null);
  const [pdfFailure, setPdfFailure] = useState<Failure | null>(null);

  return (
    <Page
      heading={t('title')}
      busy={list.isFetching}
      actions={
        <>
          <button type="button" onClick={() => window.print()} disabled={!list.data?.model}>
            {t('print')}
          </button>
          {list.data?.model && (
            <SavePdfButton
              report="riskList"
              subject={className ?? undefined}
              onSaved={(message) => {
                setPdfFailure(null);
                setPdfSaved(message);
              }}
              onFailed={(failure) => {
                setPdfSaved(null);
                setPdfFailure(failure);
              }}
            />
          )}
        </>
      }
    >
      <p role="status">{pdfSaved ?? ''}</p>
      {pdfFailure && <ErrorNotice failure={pdfFailure} title={tc('pdf.failed')} />}
      <RiskFilters
        tier={tier}
        classId={classId}
        classes={current}
        onChange={(next) => {
          const search = new URLSearchParams();
          if (next.tier) search.set('tier', next.tier);
          if (next.classId) search.set('class', next.classId);
          setParams(search, { replace: true });
        }}
      />
      {list.isPending ? (
        <p role="status">{tc('loading')}</p>
      ) : list.isError ? (
        <ErrorNotice failure={failureOf(list.error)} title={t('readFailed')} />
      ) : (
        <>
          <RiskListView list={list.data} />
          {list.data.model && (
            <RiskPrint
              list={list.data}
              schoolName={school.data?.name ?? ''}
              className={className}
              tierName={tier ? tc(`tier.${tier}`) : null}
            />
          )}
        </>
      )}
    </Page>
  );
}

function RiskListView({ list }: { list: RiskList }) {
  const { t } = useTranslation('risk');
  const format = useFormat();
  if (!list.model) {
    return (
      <div className="callout">
        <p>{t('noModel')}</p>
        <p className="muted">{t('noModelHint')}</p>
      </div>
    );
  }
  return (
    <div className="no-print">
      <p className="muted">
        {t('scoredBy', {
          model: modelKindName(t, list.model.kind),
          date: format.date(list.model.createdAt),
        })}{' '}
        <span role="status">{t('matching', { count: list.total })}</span>
      </p>
      <p className="muted">
        {t('readingScores', {
          score: format.percent(EXAMPLE_SCORE),
          words: scoreWords(t, EXAMPLE_SCORE, list.horizonMonths),
        })}
      </p>
      <TierFigures model={list.model} horizonMonths={list.horizonMonths} />
      {list.entries.length === 0 ? <p>{t('empty')}</p> : <RiskTable entries={list.entries} />}
    </div>
  );
}
