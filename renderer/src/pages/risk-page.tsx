import { useTranslation } from 'react-i18next';
import type { RiskList, RiskListEntry } from '../../../contract';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { RiskFactors } from '../components/risk-factors';
import { useFormat } from '../i18n/format';
import { failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';

const modelKinds = ['logistic', 'mlp', 'forest', 'boosting', 'ensemble'] as const;
type ModelKind = (typeof modelKinds)[number];
const isModelKind = (k: string): k is ModelKind => (modelKinds as readonly string[]).includes(k);

/**
 * The students most at risk of dropping out, highest first, each with the reasons in plain
 * words. A teacher's list holds only their own classes (the backend filters it).
 */
export function RiskPage() {
  const { t } = useTranslation('risk');
  const { t: tc } = useTranslation();
  const list = useRequest('riskList', { limit: 50 });
  return (
    <Page heading={t('title')} busy={list.isFetching}>
      {list.isPending ? (
        <p role="status">{tc('loading')}</p>
      ) : list.isError ? (
        <ErrorNotice failure={failureOf(list.error)} title={t('readFailed')} />
      ) : (
        <RiskListView list={list.data} />
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
  const kind = list.model.kind;
  return (
    <>
      <p className="muted">
        {t('scoredBy', {
          model: isModelKind(kind) ? t(`model.${kind}`) : kind,
          date: format.date(list.model.createdAt),
        })}{' '}
        {list.entries.length < list.total
          ? t('highestOf', { shown: list.entries.length, total: list.total })
          : t('shown', { count: list.total })}
      </p>
      {list.entries.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <ol className="risk-list">
          {list.entries.map((entry) => (
            <RiskItem key={entry.studentId} entry={entry} />
          ))}
        </ol>
      )}
    </>
  );
}

function RiskItem({ entry }: { entry: RiskListEntry }) {
  const { t } = useTranslation('risk');
  const { t: tc } = useTranslation();
  const format = useFormat();
  return (
    <li className="risk-item">
      <div className="risk-head">
        <h2 className="risk-name">{entry.name}</h2>
        <span className={`tier tier-${entry.tier}`}>{tc(`tier.${entry.tier}`)}</span>
        <span className="risk-score">{t('score', { percent: format.percent(entry.score) })}</span>
      </div>
      <p className="muted risk-facts">
        {t('facts', { number: entry.studentNumber, className: entry.className ?? tc('none') })}
      </p>
      <RiskFactors factors={entry.factors} name={entry.name} />
    </li>
  );
}
