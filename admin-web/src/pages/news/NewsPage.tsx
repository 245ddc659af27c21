import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.tsx';
import { BroadcastTabs } from '../announcements/BroadcastTabs.tsx';
import { FaqSection } from './FaqSection.tsx';
import { NewsSection } from './NewsSection.tsx';

/** The bot's news feed and FAQ: what residents read when they ask, as opposed to announcements pushed to them. */
export function NewsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('news.page_title')}>
      <BroadcastTabs value="news" />
      <NewsSection />
      <FaqSection />
    </Page>
  );
}
