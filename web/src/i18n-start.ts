// Starting i18next for one of the two web apps (officials', citizens'): the language chosen last time
// (localStorage, shared by both apps), Vietnamese by default, told to the API client and to <html lang>.
import i18n, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';

export function startI18n(resources: Resource, setApiLanguage: (l: string) => void): (l: 'vi' | 'en') => void {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('motcua.lang') : null;
  const initial = stored === 'en' ? 'en' : 'vi';
  void i18n.use(initReactI18next).init({ resources, lng: initial, fallbackLng: 'vi', interpolation: { escapeValue: false } });
  setApiLanguage(initial);
  if (typeof document !== 'undefined') document.documentElement.lang = initial;
  return (l) => {
    localStorage.setItem('motcua.lang', l);
    setApiLanguage(l);
    document.documentElement.lang = l;
    void i18n.changeLanguage(l);
  };
}
