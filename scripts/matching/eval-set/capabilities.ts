/**
 * What a firm can really do, as the set's judges see it: about fifty capabilities in families.
 * Each firm's latent record lists its capabilities; each need lists the ones it asks for
 * (primary) and the ones that would still help (related). Written for this set, independent of
 * the engine's vocabulary and of the firms' wording.
 */
export const FAMILIES = ['industry', 'ai-data', 'energy', 'electronics', 'cyber', 'health', 'mountain', 'logistics', 'agrifood', 'public', 'software', 'trades'] as const
export type Family = (typeof FAMILIES)[number]

/** Trades that share words with digital needs in another sense; never "adjacent" to anything. */
export const NO_ADJACENCY: ReadonlySet<Family> = new Set(['trades'])

export const CAPABILITIES = {
  // industry
  'predictive-maintenance': 'industry',
  'machine-vision': 'industry',
  'industrial-iot': 'industry',
  'mes-software': 'industry',
  'digital-twin': 'industry',
  'robotics-automation': 'industry',
  // AI and data
  'document-nlp': 'ai-data',
  'conversational-ai': 'ai-data',
  'speech-audio-ai': 'ai-data',
  'data-engineering': 'ai-data',
  'bi-analytics': 'ai-data',
  'demand-forecasting': 'ai-data',
  'operations-research': 'ai-data',
  // energy
  'hydro-ops': 'energy',
  'smart-grid': 'energy',
  'ev-charging-software': 'energy',
  'building-energy-management': 'energy',
  'renewable-forecasting': 'energy',
  // electronics
  'embedded-firmware': 'electronics',
  'electronics-design': 'electronics',
  'semiconductor-test': 'electronics',
  'lpwan-connectivity': 'electronics',
  // cyber
  'cyber-ot': 'cyber',
  'pentest-audit': 'cyber',
  'iso27001-compliance': 'cyber',
  'soc-monitoring': 'cyber',
  // health
  telehealth: 'health',
  'medical-device-software': 'health',
  'medical-imaging-ai': 'health',
  'health-data-hosting': 'health',
  // mountain economy
  'ski-ticketing': 'mountain',
  'snow-ops': 'mountain',
  'outdoor-apps': 'mountain',
  'natural-hazards-monitoring': 'mountain',
  'tourism-booking': 'mountain',
  // logistics
  'warehouse-wms': 'logistics',
  'route-optimisation': 'logistics',
  'fleet-telematics': 'logistics',
  // agrifood
  'food-traceability': 'agrifood',
  'precision-agriculture': 'agrifood',
  // public sector
  'gis-mapping': 'public',
  'citizen-services': 'public',
  // software services
  'web-development': 'software',
  'mobile-apps': 'software',
  'cloud-devops': 'software',
  'erp-integration': 'software',
  elearning: 'software',
  'ux-design': 'software',
  'it-support': 'software',
  // trades (hard negatives)
  'safety-training': 'trades',
  'social-media-marketing': 'trades',
  'electrical-installation': 'trades',
  'hvac-heating': 'trades',
  'travel-agency': 'trades',
  'lift-mechanics': 'trades',
  'security-guarding': 'trades',
} as const satisfies Record<string, Family>

export type Capability = keyof typeof CAPABILITIES
