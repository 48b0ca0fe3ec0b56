import { describe, expect, test } from 'vitest'
import { communeByInsee, communeLabel, communes, distanceKm, resolveCommune, searchCommunes } from './communes'

describe('every French commune', () => {
  test('covers metropolitan France, overseas and the municipal arrondissements', () => {
    expect(communes.length).toBeGreaterThan(34_900)
    for (const dept of ['01', '2A', '2B', '33', '38', '75', '95', '971', '972', '973', '974', '976']) {
      expect(communes.some((commune) => commune.dept === dept)).toBe(true)
    }
    const arrondissements = communes.filter((commune) => commune.parentInsee !== null)
    expect(arrondissements.map((commune) => commune.insee).sort()).toEqual([
      ...Array.from({ length: 16 }, (_, n) => String(13201 + n)),
      ...Array.from({ length: 9 }, (_, n) => String(69381 + n)),
      ...Array.from({ length: 20 }, (_, n) => String(75101 + n)),
    ])
    expect(communes.filter((commune) => !Number.isFinite(commune.lat) || !Number.isFinite(commune.lon))).toEqual([])
  })

  test.each([
    ['38185', 'Grenoble', '38'],
    ['26362', 'Valence', '26'], // the Drôme one, not 16392 or 82186
    ['73065', 'Chambéry', '73'],
    ['74010', 'Annecy', '74'],
    ['69123', 'Lyon', '69'],
    ['69383', 'Lyon 3e Arrondissement', '69'],
    ['75056', 'Paris', '75'],
    ['75108', 'Paris 8e Arrondissement', '75'],
    ['13055', 'Marseille', '13'],
    ['13201', 'Marseille 1er Arrondissement', '13'],
    ['97209', 'Fort-de-France', '972'],
    ['97411', 'Saint-Denis', '974'],
    ['33063', 'Bordeaux', '33'],
    ['35238', 'Rennes', '35'],
    ['2A004', 'Ajaccio', '2A'],
  ])('finds %s: %s (%s)', (insee, name, dept) => {
    const commune = communeByInsee(insee)
    expect(commune?.name).toBe(name)
    expect(commune?.dept).toBe(dept)
    expect(commune?.population).toBeGreaterThan(0)
    expect(commune?.postalCodes.length).toBeGreaterThan(0)
  })

  test('places cities where they are (town centre or contour centroid), arrondissements in their city', () => {
    const near = (insee: string, lat: number, lon: number) => {
      const commune = communeByInsee(insee)!
      expect(distanceKm(commune, { lat, lon }), insee).toBeLessThan(5)
    }
    near('38185', 45.188, 5.724) // Grenoble
    near('69123', 45.764, 4.836) // Lyon
    near('75056', 48.857, 2.352) // Paris
    near('13055', 43.296, 5.37) // Marseille
    near('33063', 44.838, -0.579) // Bordeaux
    near('35238', 48.117, -1.678) // Rennes
    near('97209', 14.616, -61.059) // Fort-de-France
    expect(communeByInsee('38185')?.coordSource).toBe('commune')
    expect(communeByInsee('75108')?.parentInsee).toBe('75056')
    expect(distanceKm(communeByInsee('69383')!, communeByInsee('69123')!)).toBeLessThan(5)
    expect(distanceKm(communeByInsee('13208')!, communeByInsee('13055')!)).toBeLessThan(10)
  })

  test('distances between communes are great-circle kilometres', () => {
    const grenoble = communeByInsee('38185')!
    const chambery = communeByInsee('73065')!
    const annecy = communeByInsee('74010')!
    const lyon = communeByInsee('69123')!
    const paris = communeByInsee('75056')!
    const marseille = communeByInsee('13055')!
    expect(distanceKm(grenoble, chambery)).toBeGreaterThan(40)
    expect(distanceKm(grenoble, chambery)).toBeLessThan(50)
    expect(distanceKm(chambery, annecy)).toBeGreaterThan(35)
    expect(distanceKm(chambery, annecy)).toBeLessThan(45)
    expect(distanceKm(grenoble, lyon)).toBeGreaterThan(90) // ≈ 95 km as the crow flies
    expect(distanceKm(grenoble, lyon)).toBeLessThan(100)
    expect(distanceKm(paris, marseille)).toBeGreaterThan(650) // ≈ 660 km
    expect(distanceKm(paris, marseille)).toBeLessThan(670)
    expect(distanceKm(grenoble, grenoble)).toBe(0)
  })

  test('search ignores accents and case and ranks prefixes by population', () => {
    const results = searchCommunes('chambery')
    expect(results[0]?.insee).toBe('73065')
    expect(communeLabel(results[0]!)).toBe('Chambéry (73)')
    expect(searchCommunes('lyon')[0]?.insee).toBe('69123')
    expect(searchCommunes('lyon').some((commune) => commune.insee === '69383')).toBe(true)
    expect(searchCommunes('fort-de-france')[0]?.insee).toBe('97209')
    expect(communeLabel(communeByInsee('97209')!)).toBe('Fort-de-France (972)')
    expect(searchCommunes('SAINT-MARTIN-D').length).toBeGreaterThan(1)
    expect(searchCommunes('saint', 5)).toHaveLength(5)
    expect(searchCommunes('   ')).toEqual([])
    // Prefix matches come before names that only contain the query.
    const bourg = searchCommunes('bourg', 50)
    const firstInner = bourg.findIndex((commune) => !commune.name.toLowerCase().startsWith('bourg'))
    expect(firstInner === -1 || bourg.slice(firstInner).every((commune) => !commune.name.toLowerCase().startsWith('bourg'))).toBe(true)
  })

  test.each([
    ['38185', '38185'],
    ['Meylan', '38229'],
    ['  meylan ', '38229'],
    ['Chambéry (73)', '73065'],
    ['chambery', '73065'],
    ['Paris', '75056'],
    ['75056', '75056'],
    ['Lyon', '69123'],
    ['Bordeaux', '33063'],
    ['Fort-de-France (972)', '97209'],
    ['2a004', '2A004'],
    ['Saint-Denis', null], // Seine-Saint-Denis and La Réunion (and more): ambiguous without the département
    ['Saint-Denis (93)', '93066'],
    ['Saint-Denis (974)', '97411'],
    ['Valence', null], // Drôme, Charente, Tarn-et-Garonne
    ['Valence (26)', '26362'],
    ['Grenoble (73)', null],
    ['Nowhere', null],
    ['99999', null],
    ['', null],
  ])('resolves %j to %s', (input, insee) => {
    expect(resolveCommune(input)?.insee ?? null).toBe(insee)
  })
})

describe('communes with a point of their own', () => {
  test('a commune placed at a shared centre (EPCI, territory) says so; the others are placed', () => {
    expect(communeByInsee('38185')).toMatchObject({ placed: true })
    expect(communeByInsee('98711')).toMatchObject({ coordSource: 'departement', placed: false }) // Anaa
    expect(communeByInsee('15031')).toMatchObject({ coordSource: 'epci', placed: false })
    for (const commune of communes) expect(commune.placed, commune.insee).toBe(commune.coordSource !== 'epci' && commune.coordSource !== 'departement')
  })

  test('Nuku-Hiva is placed at its chef-lieu, far from Papeete, not at Polynesia’s centre', () => {
    const nukuHiva = communeByInsee('98731')!
    expect(nukuHiva).toMatchObject({ coordSource: 'commune', placed: true })
    expect(distanceKm(nukuHiva, communeByInsee('98735')!)).toBeGreaterThan(1000)
  })

  test('no more than 40 communes lack a point of their own', () => {
    expect(communes.filter((commune) => !commune.placed).length).toBeLessThanOrEqual(40)
  })
})
