/**
 * The bilingual domain thesaurus of the sillon alpin's digital sectors (data; the code that reads
 * it is thesaurus.ts).
 *
 * How it was written: by hand, from domain knowledge of the trades of the sillon alpin (industry
 * of the Isère and Savoie valleys, microelectronics in Grenoble, hydropower, ski resorts, agri-food,
 * natural hazards, health, public bodies) and of how digital firms name their offers. No
 * vocabulary was taken from the evaluation sets (tests/fixtures/matching/**, scripts/matching/**):
 * the thesaurus must help on needs it has never seen. No kept, licensed FR–EN technical vocabulary
 * package was found (npm, offline): see the engine README.
 *
 * Each concept has:
 * - `fr` / `en`: offer words, how a firm names the concept (« maintenance prédictive »,
 *   "condition monitoring"). When a need evokes the concept, its query gains these words (both
 *   languages) at a lower weight (ENGINE_PARAMS.expansion). A need that uses one of them evokes it.
 * - `cues`: problem words, how a partner describes the situation without naming the offer
 *   (« pannes imprévues », "spend hours reading reports"), French or English. A cue is written
 *   `segment + segment + …`, each segment `alternative|alternative|…`; it matches when every
 *   segment has an alternative in the need's text (stemmed as the engine stems, stop words
 *   dropped), all within a few words (ENGINE_PARAMS.expansion.cueWindow). Write cues specific
 *   enough that a need about something else does not match them: two segments at least, unless
 *   the single word or phrase is unambiguous (« rançongiciel »).
 *
 * How to extend it: add words to a concept, or a concept `{ id, fr, en, cues }` (ids are stable
 * names, used in tests and diagnostics). Prefer phrases a firm or a partner would actually write;
 * keep a concept narrow (one offer), a broad one pulls unrelated firms. Then run the engine's unit
 * tests (`npx vitest run --project unit app/modules/matching`) and `npm run eval:matching` (the
 * row without expansion shows what it brings), and `npm run bench:matching` (latency: each word
 * added to a query reads postings).
 */
export interface ConceptData {
  id: string
  fr: readonly string[]
  en: readonly string[]
  cues: readonly string[]
}

export const CONCEPTS: readonly ConceptData[] = [
  {
    id: 'nlp',
    fr: ['traitement automatique du langage', 'TAL', 'traitement du langage naturel', 'analyse de textes', 'fouille de textes', 'analyse sémantique', 'extraction d’information', 'classification de documents', 'IA documentaire', 'grands modèles de langage', 'LLM', 'recherche sémantique'],
    en: ['natural language processing', 'NLP', 'text mining', 'text analytics', 'document analysis', 'information extraction', 'document classification', 'document AI', 'large language models', 'LLM', 'semantic search'],
    cues: [
      'lire|relire|analyser|dépouiller|éplucher|parcourir|trier|exploiter + journaux|logs|rapports|comptes rendus|documents|courriels|mails|contrats|notices|fiches|tickets|commentaires|avis|réclamations|verbatims|procès-verbaux',
      'retrouver|rechercher|chercher + information|informations|documentation|documents|procédures',
      'masse|volume|quantité|milliers|centaines + documents|textes|rapports|courriels|mails|avis|commentaires',
      'read|reading|review|reviewing|sift|sifting|go through + logs|reports|documents|emails|contracts|manuals|tickets|comments|reviews|complaints|minutes',
      'find|search|searching|look up + information|documentation|documents|procedures',
      'thousands|hundreds|pile|piles|volume + documents|reports|emails|texts|reviews',
    ],
  },
  {
    id: 'document-capture',
    fr: ['reconnaissance optique de caractères', 'OCR', 'numérisation de documents', 'dématérialisation', 'lecture automatique de documents', 'LAD', 'gestion électronique de documents', 'GED'],
    en: ['optical character recognition', 'OCR', 'document capture', 'intelligent document processing', 'IDP', 'document digitisation', 'document management system', 'paperless'],
    cues: [
      'saisie manuelle|ressaisie|ressaisir|saisir à la main|recopier + factures|bons|formulaires|documents|bons de livraison|dossiers|fiches',
      'papier + factures|archives|documents|formulaires|dossiers|bons',
      'archives papier',
      'manual data entry|re-keying|rekeying|retype|retyping|type in|copy + invoices|forms|documents|delivery notes|records',
      'paper + invoices|archives|forms|records|files',
    ],
  },
  {
    id: 'predictive-maintenance',
    fr: ['maintenance prédictive', 'maintenance conditionnelle', 'surveillance d’état', 'détection d’anomalies', 'analyse vibratoire', 'pronostic de défaillance', 'maintenance 4.0'],
    en: ['predictive maintenance', 'condition monitoring', 'condition-based maintenance', 'anomaly detection', 'vibration analysis', 'failure prediction', 'prognostics'],
    cues: [
      'pannes|panne|arrêts|arrêt|défaillances|casses|avaries + imprévues|imprévus|imprévue|non planifiés|inopinées|inopinés|à répétition|soudaines|subies|coûteuses',
      'anticiper|prévoir|éviter|prédire|détecter + pannes|panne|défaillances|casses|arrêts|usure|avaries',
      'temps d’arrêt|arrêts de production|arrêts de ligne',
      'unplanned|unexpected|unscheduled|sudden|costly|recurring + downtime|breakdowns|failures|outages|stoppages',
      'anticipate|predict|prevent|avoid|detect + breakdowns|failures|downtime|wear|faults',
      'machines|equipment|pumps|motors|bearings|turbines|compressors + break down|breaking down|fail|failing|wear out',
    ],
  },
  {
    id: 'cmms',
    fr: ['GMAO', 'gestion de maintenance assistée par ordinateur', 'gestion de la maintenance', 'maintenance préventive', 'bons de travail', 'gestion des interventions'],
    en: ['CMMS', 'computerized maintenance management', 'maintenance management', 'preventive maintenance', 'work orders', 'field service management', 'enterprise asset management'],
    cues: [
      'planifier|planning|suivre|suivi|tracer|historique + interventions|entretien|maintenance|techniciens|dépannages|réparations',
      'cahier|tableur|excel|papier + maintenance|interventions|entretien',
      'schedule|scheduling|track|tracking|history + maintenance|interventions|technicians|repairs|servicing',
      'spreadsheet|paper|notebook + maintenance|repairs|servicing',
    ],
  },
  {
    id: 'machine-vision',
    fr: ['vision industrielle', 'vision par ordinateur', 'contrôle qualité automatisé', 'inspection visuelle automatisée', 'détection de défauts', 'traitement d’images', 'analyse d’images', 'caméras intelligentes'],
    en: ['machine vision', 'computer vision', 'automated visual inspection', 'defect detection', 'automated quality inspection', 'image processing', 'image analysis', 'smart cameras'],
    cues: [
      'contrôle|contrôles|inspection|vérification + visuel|visuelle|visuels|à l’œil|à l’œil nu|manuel|manuelle|humain',
      'défauts|rayures|fissures|bulles|taches|non-conformités + pièces|produits|soudures|surface|surfaces|emballages|étiquettes',
      'pièces|produits + défectueuses|défectueux|non conformes',
      'rebuts|taux de rebut|retours clients + défauts|qualité',
      'visual|manual|human + inspection|check|checks|checking',
      'defects|scratches|cracks|flaws|blemishes + parts|products|welds|surface|surfaces|packaging|labels',
      'defective|faulty|non-conforming + parts|products|items',
      'scrap rate|reject rate',
    ],
  },
  {
    id: 'iot',
    fr: ['IoT industriel', 'internet des objets', 'objets connectés', 'capteurs connectés', 'télémétrie', 'edge computing', 'passerelles IoT', 'LoRaWAN', 'télésurveillance'],
    en: ['industrial IoT', 'IIoT', 'internet of things', 'connected sensors', 'telemetry', 'edge computing', 'IoT gateways', 'LoRaWAN', 'remote monitoring'],
    cues: [
      'remonter|collecter|récupérer|centraliser + données|mesures + machines|capteurs|équipements|terrain|compteurs|sites',
      'relevés|relever|relève + manuels|manuelles|compteurs|mesures|températures|niveaux',
      'visibilité + machines|production|équipements|installations|parc',
      'surveiller|suivre + distance|temps réel + machines|équipements|installations|sites|cuves|pompes',
      'collect|gather|retrieve|centralise|centralize + data|measurements + machines|sensors|equipment|field|meters|sites',
      'manual + readings|meter readings',
      'visibility + machines|production|equipment|installations|fleet',
      'monitor|track + remotely|real time + machines|equipment|installations|sites|tanks|pumps',
    ],
  },
  {
    id: 'mes',
    fr: ['MES', 'pilotage de la production', 'suivi de production', 'supervision de production', 'SCADA', 'TRS', 'industrie 4.0', 'usine connectée'],
    en: ['MES', 'manufacturing execution system', 'production monitoring', 'shop floor', 'SCADA', 'OEE', 'overall equipment effectiveness', 'industry 4.0', 'smart factory'],
    cues: [
      'suivi|suivre|tracer + production|atelier|ateliers|ordres de fabrication|cadences|lots',
      'rendement|performance|cadence|productivité + lignes|ligne|machines|atelier|ateliers',
      'taux de rendement synthétique',
      'track|tracking|trace + production|shop floor|work orders|output|batches',
      'efficiency|performance|throughput|productivity + line|lines|machines|plant',
    ],
  },
  {
    id: 'digital-twin',
    fr: ['jumeau numérique', 'simulation numérique', 'simulation de procédés', 'modélisation 3D'],
    en: ['digital twin', 'simulation', 'process simulation', '3D modelling'],
    cues: [
      'tester|simuler|valider + avant + construire|modifier|installer|investir',
      'essais|prototypes + coûteux|physiques',
      'test|simulate|validate + before + building|changing|installing|investing',
      'costly|physical + trials|prototypes|tests',
    ],
  },
  {
    id: 'robotics',
    fr: ['robotique', 'cobotique', 'robots collaboratifs', 'automatisation', 'automatisme', 'bras robotisés', 'robots mobiles autonomes'],
    en: ['robotics', 'cobots', 'collaborative robots', 'automation', 'robotic arms', 'autonomous mobile robots', 'AGV'],
    cues: [
      'tâches|gestes|postes + pénibles|physiques|répétitifs|répétitives + opérateurs|atelier|ligne|manutention',
      'manutention|port de charges|troubles musculosquelettiques|TMS',
      'manque|pénurie + main-d’œuvre|opérateurs|personnel + atelier|production|ligne',
      'strenuous|physical|repetitive + tasks|work|motions + operators|line|handling|workshop',
      'manual handling|heavy lifting|musculoskeletal',
      'labour shortage|labor shortage|staff shortage',
    ],
  },
  {
    id: 'building-energy',
    fr: ['gestion technique du bâtiment', 'GTB', 'GTC', 'gestion énergétique', 'efficacité énergétique', 'pilotage énergétique', 'audit énergétique', 'décret tertiaire', 'ISO 50001'],
    en: ['building management system', 'BMS', 'building energy management', 'energy efficiency', 'energy monitoring', 'energy audit', 'smart building'],
    cues: [
      'consommation|consommations|factures|facture|dépenses + énergie|énergétique|énergétiques|électricité|chauffage|gaz + bâtiments|bâtiment|locaux|sites|écoles|bureaux|gymnases|patrimoine',
      'réduire|baisser|maîtriser|diminuer + consommation|consommations|factures + énergie|énergétique|électricité|chauffage',
      'chauffage|climatisation|ventilation + bâtiments|locaux|écoles|bureaux|nuit|week-end',
      'bâtiments + énergivores|passoires',
      'energy|electricity|heating|gas + consumption|bills|costs + buildings|building|premises|sites|schools|offices|estate',
      'reduce|cut|control|lower + consumption|bills + energy|electricity|heating',
      'heating|air conditioning|ventilation + buildings|offices|schools|overnight|weekends',
    ],
  },
  {
    id: 'smart-grid',
    fr: ['réseaux électriques intelligents', 'smart grid', 'hydroélectricité', 'centrales hydroélectriques', 'énergies renouvelables', 'photovoltaïque', 'prévision de production', 'flexibilité', 'autoconsommation', 'stockage d’énergie'],
    en: ['smart grid', 'hydropower', 'hydroelectric plants', 'renewable energy', 'solar PV', 'production forecasting', 'energy flexibility', 'demand response', 'self-consumption', 'energy storage'],
    cues: [
      'prévoir|anticiper|estimer + production|débits|apports|productible + centrale|centrales|barrage|turbines|photovoltaïque|solaire|éolien',
      'pics|pointe|pointes + consommation|réseau',
      'équilibrer|équilibrage + réseau|production|consommation',
      'forecast|predict|estimate + output|production|inflows|flows|generation + plant|plants|dam|turbines|solar|wind',
      'peak|peaks + demand|load|grid',
      'balance|balancing + grid|supply|demand',
    ],
  },
  {
    id: 'water',
    fr: ['gestion de l’eau', 'réseaux d’eau', 'détection de fuites', 'télérelève', 'hydrologie', 'assainissement'],
    en: ['water management', 'water networks', 'leak detection', 'smart metering', 'hydrology', 'wastewater'],
    cues: [
      'fuites|pertes + réseau|eau|canalisations|conduites',
      'rendement + réseau + eau',
      'leaks|losses + network|water|pipes|mains',
    ],
  },
  {
    id: 'mobility',
    fr: ['mobilité', 'transport à la demande', 'information voyageurs', 'covoiturage', 'autopartage', 'bornes de recharge', 'IRVE', 'stationnement intelligent'],
    en: ['mobility', 'mobility as a service', 'MaaS', 'on-demand transport', 'passenger information', 'carpooling', 'car sharing', 'EV charging', 'smart parking'],
    cues: [
      'bouchons|embouteillages|congestion|saturation + routes|route|vallée|station|centre|accès',
      'horaires|temps réel|retards + bus|navettes|transports|cars|trains',
      'navettes + salariés|skieurs|touristes|vacanciers|usagers',
      'stationnement|parkings|parking + saturés|saturé|complets|places|trouver',
      'traffic jams|congestion|gridlock + roads|road|valley|resort|town|access',
      'real-time|timetables|delays + bus|buses|shuttles|transit|trains',
      'shuttles + employees|skiers|tourists|visitors',
      'parking + full|spaces|saturated|find',
    ],
  },
  {
    id: 'fleet',
    fr: ['gestion de flotte', 'télématique', 'géolocalisation de véhicules', 'suivi de flotte'],
    en: ['fleet management', 'telematics', 'vehicle tracking', 'GPS tracking'],
    cues: [
      'savoir|localiser|suivre + où + véhicules|camions|engins|chauffeurs',
      'véhicules|camions|engins|flotte + localiser|géolocaliser|suivre|kilométrage|carburant',
      'know|locate|track + where + vehicles|trucks|vans|drivers',
      'vehicles|trucks|vans|fleet + locate|track|mileage|fuel',
    ],
  },
  {
    id: 'logistics',
    fr: ['logistique', 'gestion d’entrepôt', 'WMS', 'gestion des stocks', 'optimisation de tournées', 'gestion du transport', 'chaîne logistique', 'supply chain', 'traçabilité'],
    en: ['logistics', 'warehouse management', 'WMS', 'inventory management', 'route optimisation', 'route optimization', 'transport management', 'supply chain', 'traceability'],
    cues: [
      'ruptures de stock|rupture de stock|surstock|surstocks|stocks dormants',
      'livraisons|tournées + retard|retards|planifier|organiser|optimiser',
      'erreurs + préparation|expédition|expéditions|commandes|livraison',
      'perdre|retrouver|suivre|localiser + colis|palettes|marchandises|lots|expéditions',
      'inventaire|inventaires + manuel|annuel|papier|écarts',
      'stockouts|stock-outs|out of stock|overstock|dead stock',
      'deliveries|delivery routes|rounds + late|delays|plan|planning|optimise|optimize',
      'picking|shipping|order + errors|mistakes',
      'lose|lost|find|track|locate + parcels|pallets|shipments|goods|batches',
      'inventory|stock count + manual|yearly|discrepancies',
    ],
  },
  {
    id: 'forecasting',
    fr: ['prévision', 'prévision de la demande', 'séries temporelles', 'modèles prédictifs', 'apprentissage automatique', 'machine learning'],
    en: ['forecasting', 'demand forecasting', 'time series', 'predictive models', 'machine learning'],
    cues: [
      'prévoir|prédire|anticiper|estimer + demande|ventes|commandes|consommation|fréquentation|affluence|volumes',
      'forecast|predict|anticipate|estimate + demand|sales|orders|consumption|attendance|footfall|volumes',
    ],
  },
  {
    id: 'optimisation',
    fr: ['optimisation', 'recherche opérationnelle', 'planification', 'ordonnancement', 'optimisation des plannings', 'solveur'],
    en: ['optimisation', 'optimization', 'operations research', 'scheduling', 'planning optimisation', 'rostering', 'solver'],
    cues: [
      'plannings|planning|emplois du temps + casse-tête|heures|complexes|complexe|main|excel|équipes|personnel|techniciens|saisonniers',
      'affecter|affectation|répartir|répartition + équipes|personnel|ressources|techniciens|chantiers|salles',
      'rosters|schedules|scheduling|timetables + headache|hours|complex|hand|spreadsheet|staff|shifts|technicians',
      'assign|allocate|allocation + teams|staff|resources|technicians|rooms',
    ],
  },
  {
    id: 'ai',
    fr: ['intelligence artificielle', 'IA', 'apprentissage automatique', 'apprentissage profond', 'science des données', 'IA générative'],
    en: ['artificial intelligence', 'AI', 'machine learning', 'deep learning', 'data science', 'generative AI'],
    cues: [],
  },
  {
    id: 'health',
    fr: ['santé numérique', 'e-santé', 'télémédecine', 'téléconsultation', 'télésuivi', 'dispositifs médicaux', 'dossier patient informatisé', 'hébergement de données de santé', 'HDS', 'interopérabilité', 'FHIR'],
    en: ['digital health', 'e-health', 'telemedicine', 'teleconsultation', 'remote patient monitoring', 'medical devices', 'electronic health record', 'EHR', 'health data hosting', 'interoperability', 'FHIR'],
    cues: [
      'patients|patient|résidents + suivi|suivre|domicile|distance|sortie|surveiller',
      'rendez-vous + annulés|non honorés|oubliés|prise|absences',
      'déserts médicaux',
      'soignants|infirmiers|infirmières|médecins|aides-soignants + temps|charge|administratif|transmissions',
      'patients|patient|residents + follow-up|follow up|monitor|home|remotely|discharge',
      'missed|no-show|no-shows + appointments',
      'nurses|clinicians|doctors|caregivers + paperwork|workload|admin|handover',
    ],
  },
  {
    id: 'cybersecurity',
    fr: ['cybersécurité', 'sécurité informatique', 'tests d’intrusion', 'audit de sécurité', 'SOC', 'détection d’intrusion', 'EDR', 'plan de reprise d’activité', 'sécurité OT', 'ISO 27001', 'sensibilisation au phishing'],
    en: ['cybersecurity', 'IT security', 'penetration testing', 'security audit', 'SOC', 'intrusion detection', 'EDR', 'disaster recovery', 'OT security', 'phishing awareness'],
    cues: [
      'rançongiciel|ransomware|cyberattaque|cyberattaques|piratage|piratés|piraté|hameçonnage|phishing',
      'attaque|attaques|intrusion + informatique|serveurs|messagerie|réseau|systèmes',
      'données + volées|chiffrées|fuite|fuites|dérobées',
      'mots de passe + partagés|faibles|fuite',
      'ransomware|cyberattack|cyberattacks|hacked|hack|breach|breaches|phishing',
      'attack|attacks|intrusion + servers|email|network|systems',
      'data + stolen|encrypted|leak|leaked',
      'passwords + shared|weak|leaked',
    ],
  },
  {
    id: 'cloud',
    fr: ['cloud', 'hébergement', 'infogérance', 'migration vers le cloud', 'DevOps', 'virtualisation', 'Kubernetes', 'supervision informatique', 'sauvegarde'],
    en: ['cloud', 'hosting', 'managed services', 'cloud migration', 'DevOps', 'virtualisation', 'virtualization', 'Kubernetes', 'IT monitoring', 'backup'],
    cues: [
      'serveurs|serveur + vieillissants|vieillissant|obsolètes|obsolète|salle|locaux|cave',
      'pannes|lenteurs|coupures + informatique|serveurs|réseau|messagerie',
      'sauvegardes|sauvegarde + manuelles|manuelle|disque|clé',
      'servers|server + ageing|aging|outdated|on premises|on-premises|basement',
      'outages|slowdowns|downtime + IT|servers|network|email',
      'backups|backup + manual|usb|disk',
    ],
  },
  {
    id: 'bi',
    fr: ['informatique décisionnelle', 'business intelligence', 'tableaux de bord', 'reporting', 'entrepôt de données', 'data visualisation', 'analyse de données', 'Power BI', 'indicateurs de performance'],
    en: ['business intelligence', 'BI', 'dashboards', 'reporting', 'data warehouse', 'data visualization', 'data analytics', 'Power BI', 'KPI'],
    cues: [
      'fichiers excel|tableurs|feuilles excel|excel + consolider|multiples|nombreux|dispersés|compiler|fusionner',
      'consolider|compiler|agréger + données|chiffres|indicateurs',
      'données + dispersées|éparpillées|silos|plusieurs logiciels',
      'vision|vue + ensemble|globale|consolidée + activité|chiffres|données',
      'indicateurs|chiffres + suivi|mensuels|hebdomadaires|direction',
      'spreadsheets|excel files|excel + consolidate|scattered|many|compile|merge',
      'consolidate|compile|aggregate + data|figures|metrics',
      'data + scattered|silos|siloed|several systems',
      'overview|big picture|single view + activity|figures|data|business',
      'monthly|weekly + reports|figures|metrics',
    ],
  },
  {
    id: 'erp',
    fr: ['ERP', 'progiciel de gestion intégré', 'PGI', 'gestion commerciale', 'intégration ERP', 'Odoo', 'SAP'],
    en: ['ERP', 'enterprise resource planning', 'ERP integration', 'Odoo', 'SAP'],
    cues: [
      'double saisie|doubles saisies|ressaisies|ressaisir',
      'logiciels|outils|applications + communiquent pas|parlent pas|multiples|disparates',
      'devis|factures|commandes|achats + main|manuellement|papier|excel',
      'double entry|re-entering|re-enter|duplicate entry',
      'systems|software|tools|applications + talk|connected|disconnected|disparate',
      'quotes|invoices|orders|purchases + hand|manually|paper|spreadsheet',
    ],
  },
  {
    id: 'crm',
    fr: ['CRM', 'gestion de la relation client', 'relation client', 'marketing automation', 'service client'],
    en: ['CRM', 'customer relationship management', 'customer service', 'marketing automation', 'sales pipeline'],
    cues: [
      'suivi|suivre|relancer|relances + clients|prospects|devis|contacts',
      'fichier|fichiers|base + clients|prospects|contacts',
      'follow-up|follow up|track|chase + customers|leads|prospects|quotes|contacts',
      'customer|contact|prospect + database|list|file',
    ],
  },
  {
    id: 'chatbot',
    fr: ['chatbot', 'agent conversationnel', 'assistant virtuel', 'callbot', 'IA conversationnelle'],
    en: ['chatbot', 'conversational agent', 'virtual assistant', 'voicebot', 'conversational AI'],
    cues: [
      'questions|demandes + répétitives|récurrentes|mêmes|fréquentes|simples',
      'appels|mails|courriels|demandes|sollicitations + nombreux|nombreuses|submergés|afflux|standard|saturé',
      'répondre + clients|usagers|visiteurs|questions|nuit|24h',
      'repetitive|recurring|same|frequent|simple + questions|requests|queries',
      'calls|emails|requests|queries + flooded|overwhelmed|swamped|switchboard',
      'answer|respond + customers|visitors|users|questions|night|24/7',
    ],
  },
  {
    id: 'ticketing',
    fr: ['billetterie', 'billetterie en ligne', 'réservation en ligne', 'vente en ligne', 'paiement en ligne', 'logiciel de caisse', 'gestion des files d’attente', 'contrôle d’accès', 'e-billet'],
    en: ['ticketing', 'online ticketing', 'online booking', 'booking system', 'online sales', 'online payment', 'point of sale', 'queue management', 'access control', 'e-tickets'],
    cues: [
      'files d’attente|file d’attente|attente|queue|queues + caisses|caisse|guichets|guichet|accueil|remontées|billetterie|entrée',
      'réservations|réservation + téléphone|papier|manuelles|main',
      'vendre|vente|ventes + ligne|internet|forfaits|billets|entrées',
      'queues|queue|waiting lines|waiting + tills|checkout|ticket office|desk|lifts|entrance|counter',
      'bookings|reservations|booking + phone|paper|manual|hand',
      'sell|selling|sales + online|tickets|passes',
    ],
  },
  {
    id: 'tourism',
    fr: ['tourisme', 'stations de ski', 'domaine skiable', 'remontées mécaniques', 'neige de culture', 'enneigement', 'office de tourisme', 'hébergements touristiques', 'expérience visiteur'],
    en: ['tourism', 'ski resorts', 'ski area', 'ski lifts', 'snowmaking', 'snow cover', 'tourist office', 'visitor experience'],
    cues: [
      'skieurs|touristes|visiteurs|vacanciers|clientèle + flux|affluence|fréquentation|saison|accueillir',
      'manque|déficit|gestion + neige|enneigement',
      'fréquentation|affluence + station|saison|hors saison|pics|vacances',
      'skiers|tourists|visitors|holidaymakers + flows|crowds|footfall|season',
      'snow + lack|shortage|cover|management',
      'attendance|crowds + resort|season|off-season|peaks|holidays',
    ],
  },
  {
    id: 'gis-hazards',
    fr: ['SIG', 'système d’information géographique', 'cartographie', 'géomatique', 'télédétection', 'imagerie satellitaire', 'LiDAR', 'drones', 'risques naturels', 'surveillance des glissements de terrain', 'prévision des crues', 'avalanches', 'chutes de blocs'],
    en: ['GIS', 'geographic information system', 'mapping', 'geomatics', 'remote sensing', 'satellite imagery', 'LiDAR', 'drones', 'natural hazards', 'landslide monitoring', 'flood forecasting', 'avalanches', 'rockfall'],
    cues: [
      'crues|inondations|glissements de terrain|éboulements|chutes de pierres|laves torrentielles|avalanches|coulées de boue',
      'surveiller|surveillance|suivre + versant|versants|pente|pentes|torrent|torrents|falaise|terrain|rivière|berges',
      'cartes|plans + papier|jour|obsolètes',
      'localiser|recenser + réseaux|équipements|canalisations|arbres|patrimoine',
      'floods|flooding|landslides|rockfalls|mudflows|avalanches|debris flows',
      'monitor|monitoring|watch + slope|slopes|hillside|torrent|cliff|river|banks',
      'maps + paper|outdated|up to date',
      'locate|inventory + networks|assets|pipes|trees',
    ],
  },
  {
    id: 'agrifood',
    fr: ['agroalimentaire', 'traçabilité alimentaire', 'sécurité alimentaire', 'HACCP', 'chaîne du froid', 'agriculture de précision', 'agritech', 'élevage connecté'],
    en: ['food industry', 'food traceability', 'food safety', 'HACCP', 'cold chain', 'precision agriculture', 'agritech', 'smart farming', 'livestock monitoring'],
    cues: [
      'température|températures + frigos|chambres froides|camions|produits frais|vitrines|réfrigérés',
      'rappel|rappels + produits|lots',
      'gaspillage + alimentaire|denrées|invendus',
      'troupeaux|troupeau|vaches|bêtes|cheptel|ruches + suivi|suivre|surveiller',
      'irrigation|arrosage + parcelles|cultures|vignes|vergers',
      'dates de péremption|DLC|DLUO',
      'temperature|temperatures + fridges|cold rooms|trucks|fresh|refrigerated',
      'recall|recalls + products|batches',
      'food waste',
      'herd|cows|livestock|cattle|hives + monitor|monitoring|track',
      'irrigation|watering + fields|crops|vineyards|orchards',
      'expiry dates|best-before',
    ],
  },
  {
    id: 'elearning',
    fr: ['e-learning', 'formation en ligne', 'plateforme de formation', 'LMS', 'formation à distance', 'classes virtuelles', 'serious games', 'digital learning', 'microlearning'],
    en: ['e-learning', 'online training', 'learning platform', 'LMS', 'distance learning', 'virtual classrooms', 'serious games', 'digital learning', 'microlearning'],
    cues: [
      'former|formation|formations + nouveaux|arrivants|salariés|opérateurs|techniciens|saisonniers|agents|équipes',
      'intégration|onboarding + nouveaux|salariés|embauchés|recrues',
      'transmettre|transmission|capitaliser + savoir-faire|compétences|connaissances|métier',
      'départs + retraite + savoir-faire|compétences|connaissances',
      'train|training + new hires|newcomers|staff|operators|technicians|seasonal|teams|employees',
      'onboarding|onboard + new|staff|employees|hires',
      'pass on|transfer|capture + know-how|skills|knowledge|expertise',
    ],
  },
  {
    id: 'web-mobile',
    fr: ['site web', 'site internet', 'application mobile', 'développement web', 'développement mobile', 'application web', 'e-commerce', 'boutique en ligne', 'refonte de site', 'UX', 'design d’interface'],
    en: ['website', 'web development', 'mobile app', 'mobile development', 'web application', 'e-commerce', 'online shop', 'website redesign', 'UX', 'UI design'],
    cues: [
      'site|site web|site internet + vieillissant|obsolète|daté|responsive|refaire|refonte|moderniser',
      'clients|usagers|visiteurs|habitants + smartphone|téléphone|mobile|application',
      'website|site + outdated|old|dated|redesign|rebuild|modernise|modernize|responsive',
      'customers|users|visitors|residents + smartphone|phone|mobile|app',
    ],
  },
  {
    id: 'digital-marketing',
    fr: ['marketing digital', 'référencement', 'SEO', 'réseaux sociaux', 'community management', 'publicité en ligne', 'SEA', 'marketing de contenu'],
    en: ['digital marketing', 'SEO', 'search engine optimisation', 'social media', 'online advertising', 'SEA', 'content marketing'],
    cues: [
      'visibilité|visible + internet|ligne|google|web|réseaux',
      'trouver|trouve|apparaître + google|internet|recherche',
      'attirer|acquérir|conquérir + clients|prospects|visiteurs|clientèle',
      'trafic|fréquentation + site',
      'visibility|visible + online|google|web|social',
      'found|find|appear + google|online|search',
      'attract|acquire|win + customers|leads|visitors',
      'website traffic|site traffic',
    ],
  },
  {
    id: 'process-automation',
    fr: ['automatisation des processus', 'RPA', 'workflow', 'dématérialisation des processus', 'automatisation des tâches administratives', 'no-code', 'low-code', 'intégration d’API', 'signature électronique'],
    en: ['process automation', 'robotic process automation', 'RPA', 'workflow automation', 'paperless processes', 'no-code', 'low-code', 'API integration', 'e-signature'],
    cues: [
      'tâches + administratives|répétitives|chronophages|manuelles|fastidieuses',
      'copier-coller|copier coller|copié-collé',
      'perdre|perd|passer|passent|passons + temps|heures + saisie|administratif|paperasse|papiers|tableurs',
      'circuit|circuits + validation|signatures|signature|papier',
      'tasks + administrative|repetitive|time-consuming|manual|tedious',
      'copy-paste|copy and paste|copy-pasting',
      'waste|lose|spend|spending + hours|time + data entry|paperwork|admin|spreadsheets',
      'approval|approvals|sign-off|signatures + workflow|paper|circuit',
    ],
  },
  {
    id: 'microelectronics',
    fr: ['microélectronique', 'semi-conducteurs', 'salle blanche', 'analyse de rendement', 'métrologie', 'test électrique', 'conception de circuits', 'FPGA', 'ASIC'],
    en: ['microelectronics', 'semiconductors', 'cleanroom', 'yield analysis', 'metrology', 'wafer test', 'chip design', 'FPGA', 'ASIC'],
    cues: [
      'rendement|défauts + plaquettes|wafers|puces|lots|fab',
      'yield|defects + wafers|wafer|chips|lots|fab',
    ],
  },
  {
    id: 'embedded',
    fr: ['systèmes embarqués', 'électronique embarquée', 'logiciel embarqué', 'firmware', 'conception électronique', 'cartes électroniques', 'prototypage électronique'],
    en: ['embedded systems', 'embedded software', 'firmware', 'electronic design', 'PCB design', 'electronics prototyping'],
    cues: [
      'rendre|rendre communicant|connecter|connectés + produit|produits|machine|machines|appareil|appareils|boîtier',
      'prototype + objet|produit|boîtier|carte|appareil',
      'connect|connected + product|products|device|devices|appliance',
      'prototype + device|product|board|gadget',
    ],
  },
  {
    id: 'e-government',
    fr: ['démarches en ligne', 'portail citoyen', 'gestion de la relation usager', 'GRU', 'administration numérique', 'données ouvertes', 'open data'],
    en: ['online services', 'citizen portal', 'e-government', 'digital government', 'open data'],
    cues: [
      'usagers|habitants|administrés|citoyens + démarches|guichet|dossiers|formulaires|demandes',
      'mairie|collectivité|commune|intercommunalité + démarches|papier|guichet',
      'citizens|residents|users + forms|applications|counter|requests|paperwork',
      'town hall|municipality|council + forms|paper|counter',
    ],
  },
  {
    id: 'hr',
    fr: ['SIRH', 'gestion des ressources humaines', 'paie', 'recrutement', 'gestion des temps', 'planning du personnel'],
    en: ['HRIS', 'human resources management', 'payroll', 'recruitment', 'time and attendance', 'workforce management'],
    cues: [
      'recruter|recrutement|embaucher + difficultés|difficile|saisonniers|candidats|profils',
      'pointage|pointages|congés|absences + personnel|équipes|salariés|papier|gestion',
      'paie + manuelle|erreurs|excel',
      'hire|hiring|recruit|recruiting + seasonal|candidates|difficult|struggle',
      'timesheets|clocking|leave requests|absences + staff|teams|employees|paper',
      'payroll + manual|errors|spreadsheet',
    ],
  },
  {
    id: 'carbon',
    fr: ['bilan carbone', 'empreinte carbone', 'RSE', 'analyse de cycle de vie', 'ACV', 'reporting extra-financier', 'CSRD', 'décarbonation'],
    en: ['carbon footprint', 'carbon accounting', 'CSR', 'ESG reporting', 'life cycle assessment', 'LCA', 'CSRD', 'decarbonisation'],
    cues: [
      'émissions + CO2|gaz à effet de serre|carbone|mesurer|réduire',
      'obligations|exigences + CSRD|extra-financier|RSE|environnementales',
      'emissions + CO2|greenhouse|carbon|measure|reduce',
      'obligations|requirements + CSRD|ESG|sustainability|environmental',
    ],
  },
  {
    id: 'xr',
    fr: ['réalité augmentée', 'réalité virtuelle', 'réalité mixte', '3D temps réel', 'visite virtuelle'],
    en: ['augmented reality', 'virtual reality', 'mixed reality', 'real-time 3D', 'virtual tour'],
    cues: [
      'visite|visiter + virtuelle|distance|immersive',
      'guider|assister|accompagner + techniciens|opérateurs|intervenants + distance|terrain',
      'virtual|immersive|remote + tour|visit',
      'guide|assist|support + technicians|operators|field staff + remotely|remote|field',
    ],
  },
  {
    id: 'smart-city',
    fr: ['ville intelligente', 'smart city', 'éclairage public intelligent', 'gestion des déchets connectée', 'capteurs urbains'],
    en: ['smart city', 'smart street lighting', 'smart waste management', 'urban sensors'],
    cues: [
      'éclairage public|lampadaires + consommation|nuit|allumés|pilotage',
      'poubelles|bennes|conteneurs|colonnes + pleines|pleins|collecte|tournées|débordent',
      'street lights|street lighting|streetlights + consumption|night|control',
      'bins|containers|skips + full|collection|overflowing',
    ],
  },
]
