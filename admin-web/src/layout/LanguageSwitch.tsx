import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage } from '../i18n/index.ts';
import { isLanguage, LANGUAGES } from '../i18n/language.ts';

/** RU | EN switch; the choice is remembered in localStorage. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage ?? i18n.language;
  return (
    <SegmentedControl
      size="xs"
      value={isLanguage(current) ? current : 'ru'}
      onChange={(value) => {
        if (isLanguage(value)) void chooseLanguage(i18n, value);
      }}
      aria-label={t('header.language')}
      data-testid="lang-switch"
      data={LANGUAGES.map((lang) => ({
        value: lang,
        label: <span data-testid={`lang-${lang}`}>{lang.toUpperCase()}</span>,
      }))}
    />
  );
}
