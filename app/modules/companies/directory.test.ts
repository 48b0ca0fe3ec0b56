import { describe, expect, test } from 'vitest'
import {
  compareWithDirectory,
  headcountFitsBand,
  headcountFromBand,
  parseDirectoryAnswer,
  prefillFromDirectory,
  readStoredDirectory,
  type DirectoryCompany,
} from './directory'

/** Shaped like recherche-entreprises.api.gouv.fr's answers to /search?q=<siren> (fields trimmed). */
const ACTIVE = {
  results: [
    {
      siren: '418215448',
      nom_complet: 'NEVE ROBOTIQUE (NEVE)',
      nom_raison_sociale: 'NEVE ROBOTIQUE',
      sigle: 'NEVE',
      nombre_etablissements: 2,
      nombre_etablissements_ouverts: 1,
      siege: {
        activite_principale: '62.01Z',
        adresse: '12 CHEMIN DU VIEUX CHENE 38240 MEYLAN',
        code_postal: '38240',
        commune: '38229',
        libelle_commune: 'MEYLAN',
        date_creation: '2015-03-01',
        etat_administratif: 'A',
        siret: '41821544800017',
        latitude: '45.2102',
        longitude: '5.7801',
      },
      activite_principale: '62.01Z',
      categorie_entreprise: 'PME',
      date_creation: '2015-03-01',
      date_fermeture: null,
      etat_administratif: 'A',
      nature_juridique: '5710',
      section_activite_principale: 'J',
      tranche_effectif_salarie: '12',
      annee_tranche_effectif_salarie: '2022',
      matching_etablissements: [],
      complements: { est_ess: false },
    },
  ],
  total_results: 1,
  page: 1,
  per_page: 10,
  total_pages: 1,
}

const CEASED = {
  results: [
    {
      siren: '552100554',
      nom_complet: 'ANCIENNE FONDERIE DU GRESIVAUDAN',
      nom_raison_sociale: null,
      siege: { adresse: 'ZA DES ILES 38190 BRIGNOUD', code_postal: '38190', commune: '38439', libelle_commune: 'VILLARD-BONNOT' },
      activite_principale: '24.51Z',
      date_creation: '1962-06-12',
      date_fermeture: '2019-12-31',
      etat_administratif: 'C',
      tranche_effectif_salarie: null,
    },
  ],
  total_results: 1,
}

describe('parseDirectoryAnswer', () => {
  test('an active company: our shape (name, NAF, head office, band, creation date, status)', () => {
    expect(parseDirectoryAnswer(ACTIVE, '418215448')).toEqual({
      kind: 'found',
      company: {
        siren: '418215448',
        name: 'NEVE ROBOTIQUE',
        nafCode: '62.01Z',
        address: '12 CHEMIN DU VIEUX CHENE 38240 MEYLAN',
        postalCode: '38240',
        communeInsee: '38229',
        communeName: 'MEYLAN',
        headcountBand: '12',
        createdOn: '2015-03-01',
        foundedYear: 2015,
        active: true,
      },
    })
  })

  test('a ceased company, its full name when there is no legal name, no band', () => {
    const answer = parseDirectoryAnswer(CEASED, '552100554')
    expect(answer).toMatchObject({ kind: 'found', company: { name: 'ANCIENNE FONDERIE DU GRESIVAUDAN', active: false, headcountBand: null, foundedYear: 1962 } })
  })

  test('a search that finds other companies but not this SIREN, or nothing, is not found', () => {
    expect(parseDirectoryAnswer(ACTIVE, '552100554')).toEqual({ kind: 'not-found' })
    expect(parseDirectoryAnswer({ results: [], total_results: 0 }, '418215448')).toEqual({ kind: 'not-found' })
  })

  test.each([
    ['not an object', 'Service Unavailable'],
    ['no results list', { erreur: 'Veuillez indiquer au moins un paramètre de recherche.' }],
    ['no name', { results: [{ siren: '418215448', etat_administratif: 'A' }] }],
    ['an unknown state', { results: [{ siren: '418215448', nom_complet: 'X', etat_administratif: 'F' }] }],
  ])('%s is malformed', (_label, body) => {
    expect(parseDirectoryAnswer(body, '418215448').kind).toBe('malformed')
  })

  test('odd fields are dropped, not trusted: a NAF code of another level, a bad date, an unknown band, a non-INSEE commune', () => {
    const body = {
      results: [{ siren: '418215448', nom_complet: 'X  Y', etat_administratif: 'A', activite_principale: '62.0', date_creation: '2015', tranche_effectif_salarie: 'ZZ', siege: { commune: 'Meylan' } }],
    }
    expect(parseDirectoryAnswer(body, '418215448')).toMatchObject({
      kind: 'found',
      company: { name: 'X Y', nafCode: null, createdOn: null, foundedYear: null, headcountBand: null, communeInsee: null },
    })
  })

  test('a NAF code written without its dot is put in our format', () => {
    const body = { results: [{ siren: '418215448', nom_complet: 'X', etat_administratif: 'A', activite_principale: '6201Z' }] }
    expect(parseDirectoryAnswer(body, '418215448')).toMatchObject({ company: { nafCode: '62.01Z' } })
  })
})

describe('headcount bands', () => {
  test.each([
    ['01', 1],
    ['12', 20],
    ['53', 10000],
    ['00', null],
    ['NN', null],
    [null, null],
  ])('band %s gives the form %s', (code, headcount) => {
    expect(headcountFromBand(code)).toBe(headcount)
  })

  test.each([
    [14, '11', true],
    [25, '11', false],
    [20000, '53', true],
    [null, '12', true],
    [14, null, true],
  ])('%s employees in band %s: fits %s', (headcount, code, fits) => {
    expect(headcountFitsBand(headcount, code)).toBe(fits)
  })
})

const company = (change: Partial<DirectoryCompany> = {}): DirectoryCompany => ({
  siren: '418215448',
  name: 'NEVE ROBOTIQUE',
  nafCode: '62.01Z',
  address: null,
  postalCode: '38240',
  communeInsee: '38229',
  communeName: 'MEYLAN',
  headcountBand: '11',
  createdOn: '2015-03-01',
  foundedYear: 2015,
  active: true,
  ...change,
})

describe('prefillFromDirectory', () => {
  test('fills name, NAF, commune, headcount and founding year', () => {
    expect(prefillFromDirectory(company())).toEqual({ name: 'NEVE ROBOTIQUE', nafCode: '62.01Z', communeInsee: '38229', headcount: 10, foundedYear: 2015 })
  })

  test('leaves out a commune outside the sillon and a code not in the nomenclature', () => {
    expect(prefillFromDirectory(company({ communeInsee: '99999', nafCode: '99.99Z' }))).toMatchObject({ communeInsee: null, nafCode: null })
  })
})

describe('compareWithDirectory', () => {
  const declared = { name: 'Névé Robotique', nafCodes: ['62.01Z', '28.99B'], communeInsee: '38229', communeName: 'Meylan', headcount: 14, foundedYear: 2015 }
  const differing = (rows: ReturnType<typeof compareWithDirectory>) => rows.filter((row) => row.differs).map((row) => row.field)

  test('the same company written otherwise (case, accents) differs on nothing', () => {
    expect(differing(compareWithDirectory(declared, company()))).toEqual([])
  })

  test('every field that disagrees is named', () => {
    const other = company({ name: 'GLACIER LOGICIEL', nafCode: '70.22Z', communeInsee: '38185', headcountBand: '21', foundedYear: 2001, active: false })
    expect(differing(compareWithDirectory(declared, other))).toEqual(['name', 'naf', 'commune', 'headcount', 'founded', 'status'])
  })

  test('what one side does not say is no difference', () => {
    const silent = { ...declared, nafCodes: [], communeInsee: null, headcount: null, foundedYear: null }
    expect(differing(compareWithDirectory(silent, company()))).toEqual([])
  })
})

describe('readStoredDirectory', () => {
  test('reads back what was stored, refuses another shape', () => {
    expect(readStoredDirectory({ found: true, company: company() })).toEqual({ found: true, company: company() })
    expect(readStoredDirectory({ found: false })).toEqual({ found: false })
    expect(readStoredDirectory({ siren: '418215448' })).toBeNull()
    expect(readStoredDirectory(null)).toBeNull()
  })
})
