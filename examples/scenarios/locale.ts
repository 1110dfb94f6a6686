/**
 * The reporting bank's country: currency, cash threshold, time offset, towns and branches, the
 * peoples among its customers, wages, billers, and the foreign institutions its customers send
 * to. Malaysia is the reference world; Indonesia, Thailand and Australia reuse the same
 * machinery with their own numbers (RESEARCH §b thresholds, §a.3 hotspots, §a.5 corridors).
 */
import type { People } from './names.js';

export interface City {
  readonly name: string;
  readonly code: string;
  readonly state: string;
  readonly postcode: string;
  /** Share of the local population. */
  readonly weight: number;
  /** Share of the migrant-worker population. */
  readonly migrantWeight: number;
  /** Named as a departure, landing, holding or border point (RESEARCH §a.3). */
  readonly hotspot?: boolean;
}

export interface Institution {
  readonly bic: string;
  readonly name: string;
  /** Account-number length; wallets use phone-like numbers. */
  readonly digits: number;
  readonly wallet?: boolean;
}

export interface ForeignCountry {
  readonly country: string;
  readonly currency: string;
  /** Value of one unit of the currency in MYR (approximate 2024–25 mid rates). */
  readonly myr: number;
  readonly institutions: readonly Institution[];
  /** Towns for names in references and foreign addresses. */
  readonly towns: readonly string[];
}

export interface Locale {
  readonly code: string;
  readonly name: string;
  readonly currency: string;
  /** Currency exponent (decimals). */
  readonly exponent: number;
  /** Fixed UTC offset of the timestamps, minutes. */
  readonly offsetMinutes: number;
  /** Cash reporting threshold T in major units and how it aggregates. */
  readonly threshold: number;
  readonly thresholdUnit: 'calendar_day' | 'per_transaction';
  /** Local currency units per 1 MYR (to convert amounts reported in MYR). */
  readonly perMyr: number;
  /** A "round" amount step for everyday amounts (RM 10, IDR 50,000 …), major units. */
  readonly roundStep: number;
  /** Largest single ATM withdrawal and CDM deposit, major units. */
  readonly atmCap: number;
  readonly cdmCap: number;
  readonly ourBank: Institution;
  readonly domesticBanks: readonly Institution[];
  readonly cities: readonly City[];
  /** States with a Friday–Saturday weekend, and the date (YYYY-MM-DD) from which it switched back, if any. */
  readonly friSatWeekend: Readonly<Record<string, string | null>>;
  readonly locals: ReadonlyArray<readonly [People, number]>;
  readonly migrants: ReadonlyArray<readonly [People, number]>;
  /** Share of personal customers who are foreign workers / refugees. */
  readonly migrantShare: number;
  readonly refugeeShare: number;
  /** Monthly net wages, major units. */
  readonly wage: { readonly localMedian: number; readonly localSigma: number; readonly migrantMin: number; readonly migrantMedian: number };
  readonly billers: ReadonlyArray<readonly [string, 'utility' | 'telco' | 'tv' | 'insurance' | 'tax' | 'council' | 'loan' | 'epf']>;
  /** Countries diaspora relatives send from (inbound). */
  readonly diaspora: readonly string[];
  /** Street-address writer for the locale. */
  readonly street: (pick: <T>(xs: readonly T[]) => T, int: (a: number, b: number) => number, city: City) => string;
}

const inst = (bic: string, name: string, digits = 12, wallet = false): Institution => ({ bic, name, digits, wallet });

export const FOREIGN: Readonly<Record<string, ForeignCountry>> = {
  BD: { country: 'BD', currency: 'BDT', myr: 0.0385, towns: ['Cumilla', 'Chattogram', "Cox's Bazar", 'Teknaf', 'Ukhiya', 'Noakhali', 'Brahmanbaria', 'Tangail', 'Sylhet', 'Dhaka', 'Chandpur', 'Feni'],
    institutions: [inst('DBBLBDDH', 'Dutch-Bangla Bank', 13), inst('IBBLBDDH', 'Islami Bank Bangladesh', 17), inst('SONABDDH', 'Sonali Bank', 13), inst('BKASH', 'bKash', 11, true), inst('NAGAD', 'Nagad', 11, true), inst('AGBKBDDH', 'Agrani Bank', 13)] },
  MM: { country: 'MM', currency: 'MMK', myr: 0.00212, towns: ['Sittwe', 'Maungdaw', 'Buthidaung', 'Yangon', 'Mandalay', 'Mawlamyine', 'Myawaddy', 'Kawthaung'],
    institutions: [inst('KBZBMMMY', 'KBZ Bank', 17), inst('AYABMMMY', 'AYA Bank', 14), inst('CPOBMMMY', 'CB Bank', 16), inst('WAVEMM', 'Wave Money', 11, true)] },
  NP: { country: 'NP', currency: 'NPR', myr: 0.033, towns: ['Jhapa', 'Morang', 'Kathmandu', 'Pokhara', 'Dhanusha', 'Sunsari', 'Rupandehi'],
    institutions: [inst('NARBNPKA', 'Nabil Bank', 14), inst('GLBBNPKA', 'Global IME Bank', 16), inst('HIMANPKA', 'Himalayan Bank', 14), inst('ESEWA', 'eSewa', 10, true)] },
  ID: { country: 'ID', currency: 'IDR', myr: 0.00028, towns: ['Lombok Timur', 'Medan', 'Tanjung Balai', 'Banda Aceh', 'Lhokseumawe', 'Pidie', 'Dumai', 'Batam', 'Surabaya', 'Jember', 'Kupang', 'Cilacap'],
    institutions: [inst('BRINIDJA', 'Bank Rakyat Indonesia', 15), inst('BMRIIDJA', 'Bank Mandiri', 13), inst('BNINIDJA', 'Bank Negara Indonesia', 10), inst('CENAIDJA', 'Bank Central Asia', 10), inst('BSMDIDJA', 'Bank Syariah Indonesia', 10)] },
  IN: { country: 'IN', currency: 'INR', myr: 0.053, towns: ['Tiruchirappalli', 'Chennai', 'Madurai', 'Thanjavur', 'Kochi', 'Hyderabad'],
    institutions: [inst('SBININBB', 'State Bank of India', 11), inst('IOBAINBB', 'Indian Overseas Bank', 15), inst('HDFCINBB', 'HDFC Bank', 14)] },
  PK: { country: 'PK', currency: 'PKR', myr: 0.016, towns: ['Lahore', 'Gujranwala', 'Sialkot', 'Peshawar', 'Karachi'],
    institutions: [inst('HABBPKKA', 'Habib Bank', 14), inst('MUCBPKKA', 'MCB Bank', 16), inst('JAZZPK', 'JazzCash', 11, true)] },
  TH: { country: 'TH', currency: 'THB', myr: 0.13, towns: ['Satun', 'Ranong', 'Hat Yai', 'Sadao', 'Songkhla', 'Bangkok', 'Mae Sot', 'Phang Nga', 'Koh Lipe'],
    institutions: [inst('KASITHBK', 'Kasikornbank', 10), inst('BKKBTHBK', 'Bangkok Bank', 10), inst('KRTHTHBK', 'Krungthai Bank', 10), inst('SICOTHBK', 'Siam Commercial Bank', 10)] },
  KH: { country: 'KH', currency: 'USD', myr: 4.45, towns: ['Phnom Penh', 'Battambang', 'Poipet', 'Siem Reap'], institutions: [inst('ABAAKHPP', 'ABA Bank', 9), inst('ACLBKHPP', 'ACLEDA Bank', 12), inst('WINGKH', 'Wing', 9, true)] },
  LA: { country: 'LA', currency: 'LAK', myr: 0.0002, towns: ['Vientiane', 'Savannakhet', 'Pakse'], institutions: [inst('COEBLALA', 'BCEL', 15)] },
  VN: { country: 'VN', currency: 'VND', myr: 0.000175, towns: ['Ha Noi', 'Nghe An', 'Ha Tinh', 'Ho Chi Minh City'], institutions: [inst('BFTVVNVX', 'Vietcombank', 13), inst('VBAAVNVX', 'Agribank', 13)] },
  PH: { country: 'PH', currency: 'PHP', myr: 0.078, towns: ['Zamboanga', 'Manila', 'Cebu', 'Davao'], institutions: [inst('BNORPHMM', 'BDO Unibank', 12), inst('GCASHPH', 'GCash', 11, true)] },
  LK: { country: 'LK', currency: 'LKR', myr: 0.015, towns: ['Chilaw', 'Negombo', 'Batticaloa', 'Trincomalee', 'Colombo', 'Jaffna'], institutions: [inst('BCEYLKLX', 'Bank of Ceylon', 10), inst('CCEYLKLX', 'Commercial Bank of Ceylon', 10)] },
  AF: { country: 'AF', currency: 'AFN', myr: 0.064, towns: ['Kabul', 'Herat', 'Mazar-i-Sharif', 'Ghazni'], institutions: [inst('AFIBAFKA', 'Afghanistan International Bank', 12)] },
  SA: { country: 'SA', currency: 'SAR', myr: 1.19, towns: ['Jeddah', 'Riyadh', 'Makkah', 'Dammam'], institutions: [inst('RJHISARI', 'Al Rajhi Bank', 15), inst('NCBKSAJE', 'Saudi National Bank', 14)] },
  AE: { country: 'AE', currency: 'AED', myr: 1.21, towns: ['Dubai', 'Sharjah', 'Abu Dhabi'], institutions: [inst('EBILAEAD', 'Emirates NBD', 13), inst('ADCBAEAA', 'ADCB', 14)] },
  SG: { country: 'SG', currency: 'SGD', myr: 3.35, towns: ['Singapore'], institutions: [inst('DBSSSGSG', 'DBS Bank', 10), inst('OCBCSGSG', 'OCBC Bank', 10), inst('UOVBSGSG', 'UOB', 10)] },
  MY: { country: 'MY', currency: 'MYR', myr: 1, towns: ['Kuala Lumpur', 'Johor Bahru', 'Penang', 'Kangar'], institutions: [inst('MBBEMYKL', 'Maybank', 12), inst('CIBBMYKL', 'CIMB Bank', 10), inst('PBBEMYKL', 'Public Bank', 10)] },
  AU: { country: 'AU', currency: 'AUD', myr: 2.9, towns: ['Sydney', 'Melbourne', 'Perth', 'Darwin'], institutions: [inst('CTBAAU2S', 'Commonwealth Bank', 10), inst('WPACAU2S', 'Westpac', 10), inst('NATAAU33', 'NAB', 10)] },
};

const city = (name: string, code: string, state: string, postcode: string, weight: number, migrantWeight: number, hotspot = false): City =>
  ({ name, code, state, postcode, weight, migrantWeight, hotspot });

const MY_STREETS = ['Jalan Mawar', 'Jalan Melati', 'Jalan Kenanga', 'Jalan Cempaka', 'Jalan Merbau', 'Jalan Meranti', 'Jalan Seroja', 'Jalan Dahlia', 'Jalan Anggerik', 'Jalan Bunga Raya', 'Jalan Perdana', 'Jalan Industri', 'Jalan Harmoni', 'Jalan Sutera', 'Lorong Selasih'];
const MY_TAMAN = ['Taman Sri Mawar', 'Taman Desa Jaya', 'Taman Bukit Indah', 'Taman Sentosa', 'Taman Muhibbah', 'Taman Perwira', 'Taman Melati', 'Taman Sri Muda', 'Taman Bayu', 'Taman Permai', 'Bandar Baru', 'Taman Seri Alam'];

export const LOCALES: Readonly<Record<string, Locale>> = {
  MY: {
    code: 'MY', name: 'Malaysia', currency: 'MYR', exponent: 2, offsetMinutes: 480,
    threshold: 25_000, thresholdUnit: 'calendar_day', perMyr: 1, roundStep: 10, atmCap: 3_000, cdmCap: 10_000,
    ourBank: inst('TDWBMYKL', 'Tidewatch Demo Bank Berhad', 10),
    domesticBanks: [inst('MBBEMYKL', 'Maybank', 12), inst('CIBBMYKL', 'CIMB Bank', 10), inst('PBBEMYKL', 'Public Bank', 10), inst('RHBBMYKL', 'RHB Bank', 14),
      inst('HLBBMYKL', 'Hong Leong Bank', 11), inst('BIMBMYKL', 'Bank Islam', 14), inst('BKRMMYKL', 'Bank Rakyat', 12), inst('BSNAMYK1', 'BSN', 16), inst('AMMBMYKL', 'AmBank', 13), inst('TNGEMYK1', "Touch 'n Go eWallet", 11, true)],
    cities: [
      city('Kuala Lumpur', 'KUL', 'W.P. Kuala Lumpur', '50450', 10, 9), city('Cheras', 'CHR', 'W.P. Kuala Lumpur', '56000', 5, 4), city('Kepong', 'KPG', 'W.P. Kuala Lumpur', '52100', 4, 4),
      city('Shah Alam', 'SHA', 'Selangor', '40000', 6, 6), city('Klang', 'KLG', 'Selangor', '41200', 6, 9), city('Petaling Jaya', 'PJY', 'Selangor', '46000', 7, 3),
      city('Kajang', 'KJG', 'Selangor', '43000', 4, 4), city('Rawang', 'RWG', 'Selangor', '48000', 3, 5), city('Puchong', 'PCG', 'Selangor', '47100', 4, 3),
      city('Sabak Bernam', 'SBN', 'Selangor', '45200', 0.6, 0.6, true), city('Kuala Selangor', 'KSL', 'Selangor', '45000', 0.8, 0.8, true),
      city('Johor Bahru', 'JHB', 'Johor', '80000', 7, 6), city('Pasir Gudang', 'PSG', 'Johor', '81700', 2, 5), city('Batu Pahat', 'BPT', 'Johor', '83000', 2, 2, true),
      city('Muar', 'MUA', 'Johor', '84000', 1.5, 1.5, true), city('Pontian', 'PON', 'Johor', '82000', 1, 1.5, true), city('Kota Tinggi', 'KTG', 'Johor', '81900', 1, 2, true),
      city('George Town', 'GTN', 'Pulau Pinang', '10000', 4, 2, true), city('Butterworth', 'BWH', 'Pulau Pinang', '12000', 3, 3), city('Bayan Lepas', 'BYL', 'Pulau Pinang', '11900', 2, 5),
      city('Alor Setar', 'AOR', 'Kedah', '05000', 2.5, 1), city('Sungai Petani', 'SPT', 'Kedah', '08000', 2, 2), city('Kulim', 'KLM', 'Kedah', '09000', 1, 3), city('Langkawi', 'LGK', 'Kedah', '07000', 0.6, 0.5, true),
      city('Kangar', 'KGR', 'Perlis', '01000', 0.7, 0.3, true), city('Padang Besar', 'PDB', 'Perlis', '02100', 0.3, 0.3, true),
      city('Ipoh', 'IPH', 'Perak', '30000', 4, 2), city('Teluk Intan', 'TLI', 'Perak', '36000', 1, 1), city('Hutan Melintang', 'HTM', 'Perak', '36400', 0.3, 0.8, true), city('Bagan Datuk', 'BGD', 'Perak', '36100', 0.3, 0.5, true),
      city('Seremban', 'SRB', 'Negeri Sembilan', '70000', 3, 2), city('Nilai', 'NIL', 'Negeri Sembilan', '71800', 1.5, 3),
      city('Melaka', 'MLK', 'Melaka', '75000', 3, 2), city('Kuantan', 'KTN', 'Pahang', '25000', 3, 2), city('Bentong', 'BTG', 'Pahang', '28700', 0.8, 2),
      city('Kota Bharu', 'KBR', 'Kelantan', '15000', 2.5, 0.5), city('Kuala Terengganu', 'KTR', 'Terengganu', '20000', 2, 0.5),
      city('Kota Kinabalu', 'BKI', 'Sabah', '88000', 3, 1.5), city('Sandakan', 'SDK', 'Sabah', '90000', 1, 1.5, true), city('Tawau', 'TWU', 'Sabah', '91000', 1, 2, true),
      city('Kuching', 'KCH', 'Sarawak', '93000', 3, 1), city('Miri', 'MYY', 'Sarawak', '98000', 1.2, 1),
    ],
    friSatWeekend: { Kedah: null, Kelantan: null, Terengganu: null, Johor: '2025-01-01' },
    locals: [['malay', 0.6], ['chinese', 0.29], ['indian_my', 0.11]],
    migrants: [['bangladeshi', 0.33], ['indonesian', 0.27], ['nepali', 0.16], ['burmese', 0.07], ['rohingya', 0.06], ['indian', 0.06], ['pakistani', 0.05]],
    migrantShare: 0.24, refugeeShare: 0.02,
    wage: { localMedian: 3_200, localSigma: 0.55, migrantMin: 1_500, migrantMedian: 1_900 },
    billers: [['Tenaga Nasional Berhad', 'utility'], ['Air Selangor', 'utility'], ['Telekom Malaysia', 'telco'], ['Maxis Broadband', 'telco'], ['CelcomDigi', 'telco'],
      ['Astro', 'tv'], ['Prudential Assurance Malaysia', 'insurance'], ['Lembaga Hasil Dalam Negeri', 'tax'], ['Dewan Bandaraya Kuala Lumpur', 'council'], ['Perbadanan Tabung Pendidikan Tinggi Nasional', 'loan']],
    diaspora: ['SG', 'SA', 'AE'],
    street: (pick, int, c) => `No. ${int(1, 120)}, ${pick(MY_STREETS)} ${int(1, 12)}, ${pick(MY_TAMAN)}, ${c.postcode} ${c.name}, ${c.state}`,
  },
  ID: {
    code: 'ID', name: 'Indonesia', currency: 'IDR', exponent: 2, offsetMinutes: 420,
    threshold: 500_000_000, thresholdUnit: 'calendar_day', perMyr: 3_570, roundStep: 50_000, atmCap: 10_000_000, cdmCap: 25_000_000,
    ourBank: inst('TDWBIDJA', 'PT Bank Tidewatch Demo', 10),
    domesticBanks: [inst('BRINIDJA', 'Bank Rakyat Indonesia', 15), inst('BMRIIDJA', 'Bank Mandiri', 13), inst('BNINIDJA', 'Bank Negara Indonesia', 10), inst('CENAIDJA', 'Bank Central Asia', 10), inst('BSMDIDJA', 'Bank Syariah Indonesia', 10), inst('DANAID', 'DANA', 12, true)],
    cities: [
      city('Jakarta Pusat', 'JKP', 'DKI Jakarta', '10110', 8, 6), city('Jakarta Selatan', 'JKS', 'DKI Jakarta', '12190', 8, 4), city('Bekasi', 'BKS', 'Jawa Barat', '17111', 6, 4),
      city('Tangerang', 'TNG', 'Banten', '15111', 6, 4), city('Bandung', 'BDG', 'Jawa Barat', '40111', 6, 2), city('Surabaya', 'SUB', 'Jawa Timur', '60111', 7, 3),
      city('Semarang', 'SRG', 'Jawa Tengah', '50111', 4, 2), city('Medan', 'MDN', 'Sumatera Utara', '20111', 5, 6), city('Banda Aceh', 'BNA', 'Aceh', '23111', 2, 4, true),
      city('Lhokseumawe', 'LSW', 'Aceh', '24351', 1, 3, true), city('Sigli', 'SGL', 'Aceh', '24111', 0.7, 3, true), city('Tanjung Balai', 'TJB', 'Sumatera Utara', '21311', 0.8, 3, true),
      city('Dumai', 'DUM', 'Riau', '28811', 1, 3, true), city('Batam', 'BTH', 'Kepulauan Riau', '29411', 3, 6, true), city('Pekanbaru', 'PKU', 'Riau', '28111', 3, 2),
      city('Makassar', 'UPG', 'Sulawesi Selatan', '90111', 3, 1), city('Denpasar', 'DPS', 'Bali', '80111', 3, 3), city('Kupang', 'KOE', 'Nusa Tenggara Timur', '85111', 1, 2, true),
    ],
    friSatWeekend: {},
    locals: [['indonesian', 1]],
    migrants: [['rohingya', 0.45], ['afghan', 0.3], ['burmese', 0.1], ['srilankan', 0.15]],
    migrantShare: 0.04, refugeeShare: 0.02,
    wage: { localMedian: 5_200_000, localSigma: 0.6, migrantMin: 2_500_000, migrantMedian: 3_200_000 },
    billers: [['PLN', 'utility'], ['PDAM', 'utility'], ['Telkomsel', 'telco'], ['IndiHome', 'telco'], ['BPJS Kesehatan', 'insurance'], ['Direktorat Jenderal Pajak', 'tax'], ['Adira Finance', 'loan']],
    diaspora: ['MY', 'SA', 'SG'],
    street: (pick, int, c) => `Jl. ${pick(['Merdeka', 'Sudirman', 'Diponegoro', 'Gajah Mada', 'Pemuda', 'Veteran', 'Melati', 'Kenanga', 'Cendrawasih'])} No. ${int(1, 150)}, RT ${String(int(1, 12)).padStart(2, '0')}/RW ${String(int(1, 9)).padStart(2, '0')}, ${c.name} ${c.postcode}`,
  },
  TH: {
    code: 'TH', name: 'Thailand', currency: 'THB', exponent: 2, offsetMinutes: 420,
    threshold: 2_000_000, thresholdUnit: 'per_transaction', perMyr: 7.7, roundStep: 100, atmCap: 30_000, cdmCap: 100_000,
    ourBank: inst('TDWBTHBK', 'Tidewatch Demo Bank PCL', 10),
    domesticBanks: [inst('KASITHBK', 'Kasikornbank', 10), inst('BKKBTHBK', 'Bangkok Bank', 10), inst('KRTHTHBK', 'Krungthai Bank', 10), inst('SICOTHBK', 'Siam Commercial Bank', 10), inst('GSBATHBK', 'Government Savings Bank', 12), inst('TMBKTHBK', 'ttb', 10)],
    cities: [
      city('Bangkok', 'BKK', 'Bangkok', '10110', 20, 12), city('Samut Sakhon', 'SKN', 'Samut Sakhon', '74000', 3, 12), city('Chiang Mai', 'CNX', 'Chiang Mai', '50000', 5, 3),
      city('Mae Sot', 'MST', 'Tak', '63110', 1, 6, true), city('Ranong', 'RNG', 'Ranong', '85000', 0.8, 4, true), city('Hat Yai', 'HDY', 'Songkhla', '90110', 4, 3, true),
      city('Sadao', 'SDO', 'Songkhla', '90120', 0.6, 1.5, true), city('Satun', 'STN', 'Satun', '91000', 0.6, 1, true), city('Phuket', 'HKT', 'Phuket', '83000', 3, 3),
      city('Khon Kaen', 'KKC', 'Khon Kaen', '40000', 4, 1), city('Nakhon Ratchasima', 'NMA', 'Nakhon Ratchasima', '30000', 5, 1), city('Chonburi', 'CBI', 'Chonburi', '20000', 5, 6),
    ],
    friSatWeekend: {},
    locals: [['thai', 1]],
    migrants: [['burmese', 0.58], ['cambodian', 0.2], ['lao', 0.12], ['rohingya', 0.05], ['bangladeshi', 0.05]],
    migrantShare: 0.2, refugeeShare: 0.01,
    wage: { localMedian: 16_000, localSigma: 0.55, migrantMin: 9_500, migrantMedian: 11_000 },
    billers: [['Metropolitan Electricity Authority', 'utility'], ['Provincial Waterworks Authority', 'utility'], ['AIS', 'telco'], ['True Move H', 'telco'], ['Muang Thai Life Assurance', 'insurance'], ['Revenue Department', 'tax'], ['Krungsri Auto', 'loan']],
    diaspora: ['MY', 'SA', 'SG'],
    street: (pick, int, c) => `${int(1, 299)}/${int(1, 99)} Moo ${int(1, 12)}, ${pick(['Soi Ruamjai', 'Soi Sukhumvit 71', 'Thanon Phetkasem', 'Soi Prachasuk', 'Thanon Ratchadamnoen'])}, ${c.name}, ${c.state} ${c.postcode}`,
  },
  AU: {
    code: 'AU', name: 'Australia', currency: 'AUD', exponent: 2, offsetMinutes: 600,
    threshold: 10_000, thresholdUnit: 'per_transaction', perMyr: 0.345, roundStep: 10, atmCap: 2_000, cdmCap: 10_000,
    ourBank: inst('TDWBAU2S', 'Tidewatch Demo Bank Ltd', 9),
    domesticBanks: [inst('CTBAAU2S', 'Commonwealth Bank', 10), inst('WPACAU2S', 'Westpac', 10), inst('NATAAU33', 'NAB', 10), inst('ANZBAU3M', 'ANZ', 10), inst('BENDAU3B', 'Bendigo Bank', 9)],
    cities: [
      city('Sydney', 'SYD', 'NSW', '2000', 10, 6), city('Parramatta', 'PTA', 'NSW', '2150', 5, 6), city('Liverpool', 'LPL', 'NSW', '2170', 4, 6),
      city('Melbourne', 'MEL', 'VIC', '3000', 10, 6), city('Dandenong', 'DAN', 'VIC', '3175', 4, 5), city('Brisbane', 'BNE', 'QLD', '4000', 8, 4),
      city('Perth', 'PER', 'WA', '6000', 7, 4), city('Adelaide', 'ADL', 'SA', '5000', 5, 3), city('Darwin', 'DRW', 'NT', '0800', 1.2, 1, true),
      city('Broome', 'BME', 'WA', '6725', 0.4, 0.5, true), city('Canberra', 'CBR', 'ACT', '2600', 2.5, 1), city('Hobart', 'HBA', 'TAS', '7000', 1.5, 0.6),
    ],
    friSatWeekend: {},
    locals: [['anglo', 0.66], ['chinese', 0.1], ['vietnamese', 0.07], ['indian', 0.08], ['filipino', 0.04], ['afghan', 0.025], ['srilankan', 0.025]],
    migrants: [['indian', 0.25], ['filipino', 0.2], ['nepali', 0.2], ['vietnamese', 0.1], ['srilankan', 0.1], ['indonesian', 0.1], ['afghan', 0.05]],
    migrantShare: 0.12, refugeeShare: 0.01,
    wage: { localMedian: 5_600, localSigma: 0.5, migrantMin: 3_300, migrantMedian: 3_900 },
    billers: [['AGL Energy', 'utility'], ['Sydney Water', 'utility'], ['Telstra', 'telco'], ['Optus', 'telco'], ['Foxtel', 'tv'], ['Medibank Private', 'insurance'], ['Australian Taxation Office', 'tax'], ['City of Sydney', 'council']],
    diaspora: ['NZ', 'SG', 'AE'],
    street: (pick, int, c) => `${int(1, 220)} ${pick(['George Street', 'King Street', 'Church Street', 'Station Road', 'High Street', 'Victoria Road', 'Park Avenue', 'Smith Street'])}, ${c.name} ${c.state} ${c.postcode}`,
  },
};

/** The foreign country record (falls back to a generic one for unlisted diaspora countries). */
export function foreign(country: string): ForeignCountry {
  return FOREIGN[country] ?? { country, currency: 'USD', myr: 4.45, towns: ['Capital'], institutions: [inst(`${country}BANKXX`, `Bank of ${country}`, 12)] };
}
