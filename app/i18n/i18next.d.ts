import type fr from './locales/fr'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common'
    resources: { common: typeof fr }
  }
}
