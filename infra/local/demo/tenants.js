'use strict';
/**
 * The three demo tenants, like the seeds' organisations, and the life stage each demo customer is
 * taken to through the real flows (infra/local/demo/story.js):
 *
 *   PROSPECT_WITH_PROJECT  a new capture offered, not accepted yet (000 A1–A7)
 *   INSTALLING             order placed, installation work order assigned to a crew (000 A10–A11)
 *   ACTIVE_BILLED          installed, activated, its first month billed and paid (000 A12–A14, 002 I)
 *   SUSPENDED              active, then a temporary suspension in force (002 D)
 *   OVERDUE_WITH_PROMISE   active, billed, the due date passed unpaid, a payment promise made (002 I)
 *   WITHDRAWN              active, then withdrawn: equipment back, final bill (002 H)
 *
 * Each tenant also keeps the demo pieces that do not depend on a customer's stage (catalog, network,
 * targets, a lead, a digital request waiting for the callback).
 */
const TENANTS = [
  {
    id: 'coop-telecom',
    label: 'telecom cooperative (BOB)',
    currency: 'BOB',
    settings: { name: 'Cooperativa de Telecomunicaciones', country: 'BO', timeZone: 'America/La_Paz' },
    phone: '+591 4 4250000',
    plans: [
      {
        code: 'FIBRA-100',
        name: 'Fibra 100 Empresas',
        family: 'INTERNET',
        technology: 'FIBER',
        speedMbps: 100,
        monthlyFee: '250.00',
        installationCost: '100.00',
        minimumPermanenceMonths: 12,
      },
      {
        code: 'DUO-50',
        name: 'Dúo Línea + Internet 50',
        family: 'DUO',
        technology: 'FIBER',
        speedMbps: 50,
        monthlyFee: '180.00',
        installationCost: '80.00',
        minimumPermanenceMonths: 12,
      },
      { code: 'ADSL-10', name: 'ADSL 10 Hogar', family: 'INTERNET', technology: 'COPPER', speedMbps: 10, monthlyFee: '120.00', installationCost: '50.00' },
    ],
    // The cooperative's QGIS export (techsupport feeds sales' and postsale's coverage from it).
    network: [
      'NAP-CBBA-CENTRO,NAP,FIBER,Centro,-17.3935,-66.1570,800,16,5,300',
      'ARM-CBBA-NORTE,CABINET,COPPER,Norte,-17.3750,-66.1600,1500,64,40,20',
      'NAP-QUILLA-01,NAP,FIBER,Quillacollo,-17.3970,-66.2780,600,8,7,100',
    ],
    // Equipment a fibre installation leaves at the customer's (comes back at a withdrawal).
    equipment: [{ code: 'ONT-HG8245', description: 'ONT de fibra', value: '350.00' }],
    customers: [
      {
        stage: 'ACTIVE_BILLED',
        kind: 'BUSINESS',
        name: 'Hotel Cochabamba Palace SRL',
        taxId: '1023456025',
        plan: 'FIBRA-100',
        address: 'Av. Ballivián 650, Cochabamba',
        location: { latitude: -17.393, longitude: -66.1575 },
        // A preventive review finds a new need (techsupport.CrossSellFlagged) and the executive drafts the portfolio sale (000 B).
        newNeed: 'Enlace dedicado de fibra entre las dos sedes del hotel',
      },
      {
        stage: 'OVERDUE_WITH_PROMISE',
        kind: 'BUSINESS',
        name: 'Clínica Los Andes SA',
        taxId: '2034567018',
        plan: 'DUO-50',
        address: 'Calle España 233, Cochabamba',
        location: { latitude: -17.394, longitude: -66.1565 },
      },
      {
        stage: 'SUSPENDED',
        kind: 'BUSINESS',
        name: 'Librería Los Amigos del Libro SRL',
        taxId: '4056789012',
        plan: 'ADSL-10',
        address: 'Av. Ayacucho 156, Cochabamba',
        location: { latitude: -17.3755, longitude: -66.1605 },
      },
      {
        stage: 'WITHDRAWN',
        kind: 'BUSINESS',
        name: 'Transportes Illimani SRL',
        taxId: '5067890123',
        plan: 'FIBRA-100',
        address: 'Av. Aroma 512, Cochabamba',
        location: { latitude: -17.3938, longitude: -66.1568 },
      },
      {
        stage: 'INSTALLING',
        kind: 'BUSINESS',
        name: 'Colegio San Agustín',
        taxId: '6078901234',
        plan: 'DUO-50',
        address: 'Calle Sucre 880, Cochabamba',
        location: { latitude: -17.3932, longitude: -66.1572 },
      },
      {
        stage: 'PROSPECT_WITH_PROJECT',
        kind: 'BUSINESS',
        name: 'Ferretería Andina SRL',
        taxId: '3045678011',
        plan: 'FIBRA-100',
        address: 'Av. Heroínas 321, Cochabamba',
        location: { latitude: -17.392, longitude: -66.156 },
      },
    ],
    // 001 1.2: a call lost in the IVR queue, waiting for the digital agent's callback.
    digitalRequest: { channel: 'PHONE_IVR', identityCard: '6543210-1A', planCode: 'ADSL-10', lostCall: true },
  },
  {
    id: 'aseo-urbano',
    label: 'waste-collection utility (COP)',
    currency: 'COP',
    settings: { name: 'Empresa de Aseo Urbano', country: 'CO', timeZone: 'America/Bogota' },
    phone: '+57 601 3450000',
    plans: [
      { code: 'GRAN-PRODUCTOR', name: 'Recolección gran productor', family: 'WASTE_COLLECTION', monthlyFee: '1500000', installationCost: '0' },
      { code: 'NO-REGULADO', name: 'Servicio especial no regulado', family: 'SPECIAL_SERVICE', monthlyFee: '650000', installationCost: '0' },
    ],
    equipment: [],
    customers: [
      {
        stage: 'ACTIVE_BILLED',
        kind: 'BUSINESS',
        name: 'Centro Comercial Gran Plaza SAS',
        taxId: '900123456-8',
        plan: 'GRAN-PRODUCTOR',
        address: 'Carrera 15 # 93-60, Bogotá',
        location: { latitude: 4.6767, longitude: -74.0483 },
        newNeed: 'Recolección especial para la nueva plazoleta de comidas',
      },
      {
        stage: 'OVERDUE_WITH_PROMISE',
        kind: 'BUSINESS',
        name: 'Restaurante La Cosecha SAS',
        taxId: '901234567-7',
        plan: 'NO-REGULADO',
        address: 'Calle 85 # 11-53, Bogotá',
        location: { latitude: 4.669, longitude: -74.053 },
      },
      {
        stage: 'SUSPENDED',
        kind: 'BUSINESS',
        name: 'Hotel Parque 93 SAS',
        taxId: '900456789-4',
        plan: 'NO-REGULADO',
        address: 'Calle 93 # 13-40, Bogotá',
        location: { latitude: 4.677, longitude: -74.05 },
      },
      {
        stage: 'WITHDRAWN',
        kind: 'BUSINESS',
        name: 'Panadería El Trigal SAS',
        taxId: '901567890-0',
        plan: 'NO-REGULADO',
        address: 'Carrera 7 # 45-10, Bogotá',
        location: { latitude: 4.633, longitude: -74.065 },
      },
      {
        stage: 'INSTALLING',
        kind: 'BUSINESS',
        name: 'Clínica del Norte SAS',
        taxId: '900789012-1',
        plan: 'GRAN-PRODUCTOR',
        address: 'Autopista Norte # 120-30, Bogotá',
        location: { latitude: 4.704, longitude: -74.055 },
      },
      {
        stage: 'PROSPECT_WITH_PROJECT',
        kind: 'BUSINESS',
        name: 'Universidad Andina de Bogotá',
        taxId: '830012345-9',
        plan: 'GRAN-PRODUCTOR',
        address: 'Calle 26 # 40-50, Bogotá',
        location: { latitude: 4.638, longitude: -74.084 },
      },
    ],
  },
  {
    id: 'ciber-mx',
    label: 'cybersecurity services firm (MXN)',
    currency: 'MXN',
    settings: { name: 'Ciberseguridad Empresarial', country: 'MX', timeZone: 'America/Mexico_City' },
    phone: '+52 55 5080 0000',
    plans: [
      {
        code: 'SOC-GESTIONADO',
        name: 'SOC gestionado 24x7',
        family: 'MANAGED_SERVICE',
        monthlyFee: '85000.00',
        installationCost: '20000.00',
        minimumPermanenceMonths: 24,
      },
      { code: 'PENTEST-ANUAL', name: 'Pruebas de penetración (cuota mensual)', family: 'MANAGED_SERVICE', monthlyFee: '30000.00', installationCost: '0.00' },
    ],
    equipment: [],
    customers: [
      {
        stage: 'ACTIVE_BILLED',
        kind: 'BUSINESS',
        name: 'Grupo Financiero Azteca SA',
        taxId: 'GFA850101AB1',
        plan: 'SOC-GESTIONADO',
        address: 'Paseo de la Reforma 250, CDMX',
        location: { latitude: 19.427, longitude: -99.167 },
      },
      {
        stage: 'OVERDUE_WITH_PROMISE',
        kind: 'BUSINESS',
        name: 'Aseguradora del Valle SA',
        taxId: 'ADV900315QW2',
        plan: 'PENTEST-ANUAL',
        address: 'Av. Insurgentes Sur 1602, CDMX',
        location: { latitude: 19.37, longitude: -99.18 },
      },
      {
        stage: 'SUSPENDED',
        kind: 'BUSINESS',
        name: 'Comercializadora Maya SA',
        taxId: 'CMA010203KL5',
        plan: 'PENTEST-ANUAL',
        address: 'Av. Universidad 1200, CDMX',
        location: { latitude: 19.365, longitude: -99.165 },
      },
      {
        stage: 'WITHDRAWN',
        kind: 'BUSINESS',
        name: 'Hospital Ángeles del Sur SA',
        taxId: 'HAS951120TR8',
        plan: 'PENTEST-ANUAL',
        address: 'Calzada de Tlalpan 4800, CDMX',
        location: { latitude: 19.295, longitude: -99.15 },
      },
      {
        stage: 'INSTALLING',
        kind: 'BUSINESS',
        name: 'Autopartes del Bajío SA',
        taxId: 'ABA000707MN3',
        plan: 'SOC-GESTIONADO',
        address: 'Blvd. Adolfo López Mateos 300, León',
        location: { latitude: 21.122, longitude: -101.682 },
      },
      {
        stage: 'PROSPECT_WITH_PROJECT',
        kind: 'BUSINESS',
        name: 'Cadena Hotelera Pacífico SA',
        taxId: 'CHP120830PX4',
        plan: 'SOC-GESTIONADO',
        address: 'Av. Costera 120, Acapulco',
        location: { latitude: 16.853, longitude: -99.883 },
      },
    ],
    // 004: commercial proposals start from leads (a group company, a forum contact).
    leads: [
      { companyName: 'Logística del Norte SA', source: 'FORUM', requirement: 'Inteligencia de amenazas para 2 centros de datos' },
      {
        companyName: 'Grupo Financiero Azteca SA',
        source: 'GROUP_COMPANY',
        requirement: 'SOC/NOC gestionado para el grupo',
        existingCustomer: 'Grupo Financiero Azteca SA',
      },
    ],
  },
];

module.exports = { TENANTS };
