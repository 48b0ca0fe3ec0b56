/**
 * The set's own small atlas: the towns of its firms and needs, with coordinates typed from an
 * atlas (town hall, to about 0.01°) and their INSEE codes (checked against
 * @etalab/decoupage-administratif). The grades use these coordinates, never app/modules/geo.
 * `alps`: Isère, Savoie, Haute-Savoie, Drôme, Hautes-Alpes.
 */
export interface Town {
  name: string
  insee: string
  lat: number
  lon: number
  alps: boolean
}

const town = (name: string, insee: string, lat: number, lon: number, alps: boolean): Town => ({ name, insee, lat, lon, alps })

export const TOWNS = {
  grenoble: town('Grenoble', '38185', 45.1885, 5.7245, true),
  echirolles: town('Échirolles', '38151', 45.1436, 5.7189, true),
  meylan: town('Meylan', '38229', 45.2098, 5.7797, true),
  smh: town('Saint-Martin-d’Hères', '38421', 45.1672, 5.7653, true),
  voiron: town('Voiron', '38563', 45.3642, 5.5897, true),
  crolles: town('Crolles', '38140', 45.2847, 5.8796, true),
  montbonnot: town('Montbonnot-Saint-Martin', '38249', 45.2249, 5.8027, true),
  bourgoin: town('Bourgoin-Jallieu', '38053', 45.5861, 5.2736, true),
  vienne: town('Vienne', '38544', 45.5242, 4.8781, true),
  annecy: town('Annecy', '74010', 45.8992, 6.1294, true),
  annemasse: town('Annemasse', '74012', 46.1934, 6.2342, true),
  cluses: town('Cluses', '74081', 46.0606, 6.5797, true),
  chamonix: town('Chamonix-Mont-Blanc', '74056', 45.9237, 6.8694, true),
  sallanches: town('Sallanches', '74256', 45.9364, 6.6317, true),
  thonon: town('Thonon-les-Bains', '74281', 46.3705, 6.4793, true),
  chambery: town('Chambéry', '73065', 45.5646, 5.9178, true),
  aixlesbains: town('Aix-les-Bains', '73008', 45.6885, 5.9153, true),
  albertville: town('Albertville', '73011', 45.6755, 6.3925, true),
  moutiers: town('Moûtiers', '73181', 45.4847, 6.5314, true),
  bourgstmaurice: town('Bourg-Saint-Maurice', '73054', 45.6186, 6.7692, true),
  bourgetdulac: town('Le Bourget-du-Lac', '73051', 45.6464, 5.8597, true),
  valence: town('Valence', '26362', 44.9334, 4.8924, true),
  romans: town('Romans-sur-Isère', '26281', 45.0436, 5.0508, true),
  montelimar: town('Montélimar', '26198', 44.5581, 4.7509, true),
  gap: town('Gap', '05061', 44.5594, 6.0786, true),
  briancon: town('Briançon', '05023', 44.8986, 6.6433, true),
  lyon3: town('Lyon 3e', '69383', 45.7597, 4.85, false),
  lyon7: town('Lyon 7e', '69387', 45.7456, 4.8422, false),
  lyon9: town('Lyon 9e', '69389', 45.7743, 4.8055, false),
  villeurbanne: town('Villeurbanne', '69266', 45.7719, 4.8902, false),
  saintetienne: town('Saint-Étienne', '42218', 45.4397, 4.3872, false),
  paris2: town('Paris 2e', '75102', 48.8683, 2.3428, false),
  paris8: town('Paris 8e', '75108', 48.8727, 2.3125, false),
  paris11: town('Paris 11e', '75111', 48.859, 2.38, false),
  paris13: town('Paris 13e', '75113', 48.8322, 2.3561, false),
  marseille: town('Marseille', '13055', 43.2965, 5.3698, false),
  marseille2: town('Marseille 2e', '13202', 43.3126, 5.3637, false),
  aixenprovence: town('Aix-en-Provence', '13001', 43.5297, 5.4474, false),
  bordeaux: town('Bordeaux', '33063', 44.8378, -0.5792, false),
  merignac: town('Mérignac', '33281', 44.8386, -0.6436, false),
  rennes: town('Rennes', '35238', 48.1173, -1.6778, false),
  cesson: town('Cesson-Sévigné', '35051', 48.1214, -1.6031, false),
  toulouse: town('Toulouse', '31555', 43.6047, 1.4442, false),
  labege: town('Labège', '31254', 43.5336, 1.5128, false),
  nantes: town('Nantes', '44109', 47.2184, -1.5536, false),
  lille: town('Lille', '59350', 50.6292, 3.0573, false),
  villeneuvedascq: town('Villeneuve-d’Ascq', '59009', 50.6233, 3.145, false),
  strasbourg: town('Strasbourg', '67482', 48.5734, 7.7521, false),
  nice: town('Nice', '06088', 43.7102, 7.262, false),
  valbonne: town('Valbonne', '06152', 43.6412, 7.0087, false),
  clermont: town('Clermont-Ferrand', '63113', 45.7772, 3.087, false),
  montpellier: town('Montpellier', '34172', 43.6108, 3.8767, false),
} satisfies Record<string, Town>

export type TownKey = keyof typeof TOWNS
