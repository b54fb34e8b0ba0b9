import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { failureOf } from '../query/ask';
import { useRequest } from '../query/use-request';
import { useSession } from '../session';
import { LanguageSwitch } from '../shell/language-switch';
import { EncryptionSettings } from './settings/encryption-settings';
import { TierSettings } from './settings/tier-settings';
import { UpdateSettings } from './settings/update-settings';

/**
 * Settings: the window's language for everyone; risk tiers for leaders to change (others read
 * them); updates and database encryption for administrators.
 */
export function SettingsPage() {
  const { t } = useTranslation('settings');
  const { user } = useSession();
  const risk = useRequest('getRiskSettings', {});
  const leader = user.role !== 'teacher';
  const admin = user.role === 'admin';
  return (
    <Page heading={t('title')}>
      <section aria-labelledby="settings-language">
        <h2 id="settings-language">{t('language.title')}</h2>
        <p className="muted">{t('language.lead')}</p>
        <LanguageSwitch />
      </section>
      {risk.isError && <ErrorNotice failure={failureOf(risk.error)} title={t('tiers.failed')} />}
      {risk.data && <TierSettings current={risk.data} canEdit={leader} />}
      <UpdateSettings isAdmin={admin} />
      {admin && <EncryptionSettings />}
    </Page>
  );
}
