import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export const BROADCASTS_PATH = '/broadcasts';
export const NEWS_PATH = '/broadcasts/news';

/** The two halves of the section: announcements pushed to residents, and the bot's news feed with the FAQ. */
export function BroadcastTabs({ value }: { value: 'announcements' | 'news' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Tabs
      value={value}
      onChange={(next) => navigate(next === 'news' ? NEWS_PATH : BROADCASTS_PATH)}
      data-testid="broadcast-tabs"
    >
      <Tabs.List>
        <Tabs.Tab value="announcements" data-testid="tab-announcements">
          {t('announcements.tab')}
        </Tabs.Tab>
        <Tabs.Tab value="news" data-testid="tab-news">
          {t('news.tab')}
        </Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}
