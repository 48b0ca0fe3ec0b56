import { delay, http, HttpResponse, type RequestHandler } from 'msw'

/**
 * A stand-in for the public company directory (recherche-entreprises.api.gouv.fr), served by MSW at
 * `COMPANY_DIRECTORY_TEST_URL`: `GET /search?q=<siren>` answers as the real API does (fields trimmed
 * to those the product reads, plus a few it ignores), with a small set of companies:
 * - `ACTIVE_SIREN`  Névé Robotique, active, head office in Meylan (38229), 62.01Z, 10 to 19 employees, 2015;
 * - `CEASED_SIREN`  Fonderie du Grésivaudan, ceased ("C");
 * - `PARIS_SIREN`   Atelier Lutèce, active, head office in Paris (outside the Alps);
 * any other SIREN: no result (not found).
 *
 * Switches for tests: `companyDirectory.mode` = 'up' (default), 'down' (network error), 'slow'
 * (never answers: the product's timeout ends it; inject a short one), 'rate-limited' (429),
 * 'server-error' (503). `companyDirectory.requests` lists the SIRENs asked, in order.
 * Call `companyDirectory.reset()` in `beforeEach`.
 */
export const COMPANY_DIRECTORY_TEST_URL = 'https://recherche-entreprises.test'

export const ACTIVE_SIREN = '418215448'
export const CEASED_SIREN = '552100554'
export const PARIS_SIREN = '802954784'

type Mode = 'up' | 'down' | 'slow' | 'rate-limited' | 'server-error'

const siege = (commune: string, libelle: string, postal: string, adresse: string) => ({
  siret: null,
  adresse,
  code_postal: postal,
  commune,
  libelle_commune: libelle,
  etat_administratif: 'A',
  latitude: null,
  longitude: null,
})

/** The directory's entries, as `results[]` items. Tests may change them (reset() restores them). */
function defaultCompanies(): Record<string, Record<string, unknown>> {
  return {
    [ACTIVE_SIREN]: {
      siren: ACTIVE_SIREN,
      nom_complet: 'NEVE ROBOTIQUE (NEVE)',
      nom_raison_sociale: 'NEVE ROBOTIQUE',
      sigle: 'NEVE',
      siege: siege('38229', 'MEYLAN', '38240', '12 CHEMIN DU VIEUX CHENE 38240 MEYLAN'),
      activite_principale: '62.01Z',
      section_activite_principale: 'J',
      categorie_entreprise: 'PME',
      date_creation: '2015-03-01',
      date_fermeture: null,
      etat_administratif: 'A',
      nature_juridique: '5710',
      tranche_effectif_salarie: '11',
      annee_tranche_effectif_salarie: '2023',
      nombre_etablissements: 1,
      nombre_etablissements_ouverts: 1,
      matching_etablissements: [],
    },
    [CEASED_SIREN]: {
      siren: CEASED_SIREN,
      nom_complet: 'FONDERIE DU GRESIVAUDAN',
      nom_raison_sociale: 'FONDERIE DU GRESIVAUDAN',
      siege: siege('38439', 'VILLARD-BONNOT', '38190', 'ZA DES ILES 38190 VILLARD-BONNOT'),
      activite_principale: '24.51Z',
      date_creation: '1962-06-12',
      date_fermeture: '2019-12-31',
      etat_administratif: 'C',
      tranche_effectif_salarie: null,
      matching_etablissements: [],
    },
    [PARIS_SIREN]: {
      siren: PARIS_SIREN,
      nom_complet: 'ATELIER LUTECE',
      nom_raison_sociale: 'ATELIER LUTECE',
      siege: siege('75111', 'PARIS', '75011', '8 RUE OBERKAMPF 75011 PARIS'),
      activite_principale: '62.02A',
      date_creation: '2019-09-15',
      etat_administratif: 'A',
      tranche_effectif_salarie: '02',
      matching_etablissements: [],
    },
  }
}

export interface CompanyDirectoryFake {
  mode: Mode
  /** The SIRENs asked (`q`), in order. */
  requests: string[]
  companies: Record<string, Record<string, unknown>>
  reset(): void
  handlers: RequestHandler[]
}

function createCompanyDirectory(): CompanyDirectoryFake {
  const fake: CompanyDirectoryFake = {
    mode: 'up',
    requests: [],
    companies: defaultCompanies(),
    reset() {
      fake.mode = 'up'
      fake.requests = []
      fake.companies = defaultCompanies()
    },
    handlers: [
      http.get(`${COMPANY_DIRECTORY_TEST_URL}/search`, async ({ request }) => {
        const q = new URL(request.url).searchParams.get('q') ?? ''
        fake.requests.push(q)
        if (fake.mode === 'down') return HttpResponse.error()
        if (fake.mode === 'slow') await delay('infinite')
        if (fake.mode === 'rate-limited') return HttpResponse.json({ erreur: 'Trop de requêtes' }, { status: 429 })
        if (fake.mode === 'server-error') return HttpResponse.text('Service Unavailable', { status: 503 })
        const company = fake.companies[q.replace(/\s/g, '')]
        const results = company ? [company] : []
        return HttpResponse.json({ results, total_results: results.length, page: 1, per_page: 10, total_pages: results.length ? 1 : 0 })
      }),
    ],
  }
  return fake
}

export const companyDirectory = createCompanyDirectory()
