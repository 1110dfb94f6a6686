/**
 * Name pools and naming conventions of the communities that appear in Bali Process bank data.
 *
 * Naming matters to the typologies: family links are often inferred from shared surnames, but
 * several communities do not have inherited surnames (Malay and Indian-Malaysian patronymics,
 * Rohingya, Burmese, most Javanese names), while others share a handful of very common surnames
 * across unrelated people (Bangladeshi "Islam", "Hossain"; Chinese "Tan", "Lim"; Vietnamese
 * "Nguyen"). A generator that gave every family a unique surname would make family detection
 * unrealistically easy, so each pool composes names the way the community does.
 */
import type { Rng } from './rng.js';

export type People =
  | 'malay' | 'chinese' | 'indian_my' | 'bangladeshi' | 'rohingya' | 'indonesian' | 'nepali'
  | 'burmese' | 'indian' | 'pakistani' | 'thai' | 'lao' | 'cambodian' | 'vietnamese' | 'filipino'
  | 'srilankan' | 'afghan' | 'anglo';

export type Gender = 'm' | 'f';

export interface PersonName {
  readonly full: string;
  readonly given: string;
  /** What relatives can share in their names: a surname, or a father's name in a patronymic. */
  readonly familyKey: string;
  readonly gender: Gender;
}

interface Pool {
  readonly male: readonly string[];
  readonly female: readonly string[];
  /** Inherited surnames (empty when the community has none). */
  readonly surnames: readonly string[];
  /** Builds the full name from a given name and the family key. */
  compose(rng: Rng, given: string, gender: Gender, familyKey: string): string;
  /** Probability that a sibling/child carries the same family key visibly in the name. */
  readonly inherit: number;
}

const split = (s: string): readonly string[] => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0);

const MALAY_M = split('Ahmad, Muhammad, Mohd Faizal, Mohamad Azlan, Abdul Rahman, Azman, Faizal, Hafiz, Hakim, Ismail, Kamarul, Khairul Anuar, Nizam, Rizal, Shahrul, Zulkifli, Amirul, Firdaus, Hairul, Syafiq, Aiman, Danial, Haziq, Irfan, Rosli, Roslan, Fadzli, Iskandar, Nazri, Azhar, Zainal, Razak, Hisham, Suhaimi, Jamaluddin, Mohd Noor, Shahrizal, Ikmal, Afiq, Muhammad Aqil, Wan Azri, Nik Faris, Megat Amir, Saiful Bahri');
const MALAY_F = split('Siti Aishah, Nur Aina, Nurul Huda, Farah, Aisyah, Zarina, Rohani, Salmah, Norazlina, Nor Azizah, Fatimah, Hasnah, Aminah, Noraini, Syafiqah, Nur Izzati, Amira, Hidayah, Rosnah, Zaleha, Nurul Ain, Siti Zubaidah, Wan Nurul, Nik Nur, Faridah, Halimah, Maznah, Norhayati, Rabiatul Adawiyah, Nur Syahirah, Intan, Mastura');
const CHINESE_SUR = split('Tan, Lim, Lee, Ng, Wong, Chan, Ong, Teo, Goh, Chong, Yap, Low, Loh, Chin, Khoo, Cheah, Ooi, Teh, Lau, Foo, Koh, Yeoh, Tay, Ho, Leong, Chua, Kok, Liew, Gan, Soo');
const CHINESE_M = split('Wei Ming, Kah Seng, Chee Keong, Boon Hock, Kok Wai, Soon Huat, Ah Kow, Jun Hao, Zhi Hao, Wai Keong, Yew Chong, Kian Seng, Hock Lai, Chun Kit, Jia Jun, Eng Huat, Meng Kiat, Choon Heng, Jason, Kelvin, Alvin, Vincent');
const CHINESE_F = split('Mei Ling, Siew Lan, Li Ying, Jia Hui, Hui Min, Yee Ling, Pei Shan, Xin Yi, Siew Mei, Ai Ling, Geok Lan, Bee Lian, Sook Fun, Wan Ting, Michelle, Jessica, Cheryl, Grace');
const INDIAN_MY_M = split('Ganesan, Murugan, Suresh, Rajesh, Kumar, Selvam, Ravi, Prakash, Anand, Vijay, Mahendran, Kannan, Saravanan, Thinesh, Kalaiselvan, Muniandy, Arumugam, Devaraj, Yogeswaran, Subramaniam, Naveen, Kishen');
const INDIAN_MY_F = split('Kavitha, Devi, Priya, Malar, Saraswathy, Letchumi, Thivya, Shalini, Vasanthi, Kalaivani, Punitha, Revathi, Sangeetha, Yamuna, Mageswari, Tamilselvi');
const BD_M = split('Rafiqul, Shahidul, Aminul, Nazmul, Jahangir, Kamrul, Mizanur, Habibur, Saiful, Abdul Karim, Rashed, Sohel, Jewel, Shamim, Rubel, Masud, Alamgir, Rakib, Mamun, Faruk, Abul Kalam, Monir, Delowar, Anwar, Shafiqul, Rezaul, Mostafa, Billal, Jamal, Harun, Liton, Sumon, Arif, Tanvir, Nurul Amin, Kabir');
const BD_F = split('Rokeya, Nasima, Shirin, Salma, Moriom, Rahima, Fatema, Jesmin, Nargis, Shahnaz, Rina, Parvin, Ayesha, Sharmin, Morsheda, Hasina, Laily, Kohinoor');
const BD_SUR = split('Islam, Hossain, Rahman, Uddin, Ahmed, Mia, Miah, Sarkar, Khan, Chowdhury, Sheikh, Molla, Talukder, Haque, Alam, Bhuiyan, Howlader, Mondal, Biswas, Munshi, Sikder, Akand');
const BD_F_SUR = split('Begum, Akter, Khatun, Akter, Begum, Sultana, Parvin, Khanam');
const ROHINGYA_M = split('Mohammed Ayas, Nur Alam, Abdul Shukkur, Rahim Ullah, Mohammed Rafique, Sayedul Amin, Kamal Hussain, Anwar Sadek, Jamal Hussain, Abu Taher, Shafi Alam, Mohammed Yunus, Zubair Ahmed, Asmat Ullah, Rahmat Ullah, Enayat Ullah, Hafez Ahmed, Kefayat Ullah, Nurul Islam, Mohammed Salim, Dil Mohammed, Abdul Hakim, Sayed Alam, Hamid Hussain, Mohibullah, Abdul Jabbar, Nur Kamal, Ismail Hussain, Rashid Ahmed, Jafar Alam');
const ROHINGYA_F = split('Hasina Begum, Nur Kaida, Noor Begum, Rashida Begum, Hamida Khatun, Setara Begum, Jannat Ara, Minara Begum, Sanjida, Rokiya Khatun, Dildar Begum, Umme Salma, Taslima, Nur Jahan, Bibi Fatima, Shamshida');
const INDO_M = split('Budi, Agus, Slamet, Sutrisno, Wahyu, Rudi, Eko, Joko, Bambang, Yusuf, Andi, Iwan, Heru, Suparman, Teguh, Dedi, Hendra, Fajar, Rizki, Muhammad Rizki, Ahmad Fauzi, Supriyadi, Sugeng, Darmawan, Ari, Yanto, Wawan, Teuku Ridwan, Zulfikar, Syahrul');
const INDO_F = split('Siti Rahayu, Dewi, Sri Wahyuni, Nurhayati, Putri, Ayu, Rina, Wulan, Lestari, Yuliana, Sumiati, Suryani, Fitri, Indah, Kartini, Cut Nurul, Endang, Tri Wahyuni, Eka, Susanti, Marlina, Rohmah');
const INDO_SUFFIX = split('Santoso, Hidayat, Hartono, Prasetyo, Susilo, Setiawan, Saputra, Wibowo, Kurniawan, Nugroho, Pratama, Siregar, Nasution, Harahap, Lubis, Rahmawati, Lestari, Wijaya');
const NEPALI_M = split('Ram Bahadur, Bishnu, Hari Prasad, Krishna, Suman, Dil Bahadur, Prem, Santosh, Kamal, Bikash, Rajendra, Gopal, Bhim, Arjun, Dipak, Sagar, Nabin, Ramesh, Tek Bahadur, Man Bahadur, Ganesh, Dinesh');
const NEPALI_F = split('Sita, Gita, Laxmi, Sarita, Sunita, Kamala, Bimala, Manju, Radha, Sabina, Puja, Anita');
const NEPALI_SUR = split('Thapa, Gurung, Tamang, Rai, Magar, Limbu, Shrestha, Karki, Khadka, Sharma, Adhikari, Bhandari, Poudel, Basnet, Chaudhary, Yadav, Bista, Sherpa, KC, Lama');
const BURMESE_M = split('Aung Kyaw, Zaw Min Htut, Kyaw Zin Oo, Min Thu, Hla Myint, Nay Lin, Htet Aung, Aung Ko Ko, Tun Tun, Win Naing, Myo Min, Soe Moe, Ye Yint, Than Htike, Kyaw Swar, Zaw Zaw, Ko Ko Lwin, Thura Aung');
const BURMESE_F = split('Thandar Win, Su Su Hlaing, Moe Moe Aye, Khin Khin, Aye Aye Mar, Nwe Nwe, Thin Thin, Ei Ei Phyo, May Thu, Hnin Wai, Sandar Myint, Yin Yin');
const INDIAN_M = split('Ramesh, Manoj, Arun, Senthil, Muthu, Vinod, Sanjay, Rajan, Harish, Deepak, Sunil, Mohan, Balaji, Karthik, Ashok, Gurpreet, Sandeep, Pradeep');
const INDIAN_F = split('Lakshmi, Anjali, Meena, Pooja, Divya, Sunita, Rekha, Kavya');
const INDIAN_SUR = split('Kumar, Singh, Raj, Pandi, Nair, Pillai, Reddy, Sharma, Das, Yadav, Verma, Gupta, Murugan, Selvaraj');
const PAK_M = split('Muhammad Imran, Asif, Waqas, Shahid, Bilal, Usman, Kashif, Naveed, Tariq, Zeeshan, Faisal, Adnan, Ali Raza, Kamran');
const PAK_F = split('Ayesha, Sana, Rabia, Nadia, Saima, Fozia');
const PAK_SUR = split('Ahmed, Ali, Iqbal, Khan, Hussain, Butt, Malik, Qureshi, Shah, Akhtar, Javed, Mahmood');
const THAI_M = split('Somchai, Anan, Preecha, Somsak, Wichai, Kittisak, Surachai, Niran, Prasert, Chaiwat, Thanawat, Sompong, Boonmee, Pichit');
const THAI_F = split('Suda, Malee, Nattaya, Siriporn, Pranee, Ratana, Wanida, Kanya, Somjit, Orathai, Jintana, Supaporn');
const THAI_SUR = split('Srisuk, Chaiyaporn, Wongsa, Kaewmanee, Thongdee, Jaidee, Boonmee, Saetang, Phromma, Sukprasert, Rattanakorn, Intharasuk, Chanthaworn, Kongkaew, Saelim');
const LAO_M = split('Somphone, Bounmy, Khamphet, Phoutthasone, Sengdao, Vilayphone, Thongsavanh, Souksavanh');
const LAO_F = split('Manivanh, Phonesavanh, Vanida, Khampheng, Noy, Souphaphone');
const LAO_SUR = split('Vongsa, Phommachanh, Sisouphanh, Keomany, Inthavong, Chanthavong, Souvannavong');
const KH_M = split('Dara, Sophal, Vuthy, Chea, Rithy, Sokha, Vannak, Piseth, Sovann, Bunthoeun');
const KH_F = split('Sophea, Sreymom, Channary, Bopha, Sokunthea, Srey Leak, Dalin, Kunthea');
const KH_SUR = split('Sok, Chan, Chea, Kim, Heng, Ly, Pich, Sam, Mao, Keo, Nhem, Ouk');
const VN_M = split('Van An, Van Hung, Duc Minh, Quoc Bao, Van Thanh, Minh Tuan, Huu Phuoc, Van Long, Thanh Son');
const VN_F = split('Thi Lan, Thi Mai, Thi Hoa, Ngoc Anh, Thi Thu, Thanh Huong, Thi Hang, Kim Ngan');
const VN_SUR = split('Nguyen, Nguyen, Nguyen, Tran, Le, Pham, Hoang, Huynh, Phan, Vu, Dang, Bui, Do');
const PH_M = split('Jose, Mark, Rodel, Jomar, Ramon, Arnel, Jerome, Christian, Ronald, Rey');
const PH_F = split('Maria, Ana, Liza, Joy, Rowena, Marites, Jennifer, Kristine, Grace, Mae');
const PH_SUR = split('Santos, Reyes, Cruz, Bautista, Garcia, Mendoza, Dela Cruz, Villanueva, Ramos, Aquino, Castillo, Flores');
const LK_M = split('Nimal, Kumara, Tharindu, Sivakumar, Chaminda, Ruwan, Kasun, Nuwan, Tharshan, Mahesh, Pradeep, Janaka');
const LK_F = split('Chathurika, Dilani, Nirosha, Kumari, Shanthi, Tharushi, Malini, Anusha');
const LK_SUR = split('Perera, Silva, Fernando, Jayasuriya, Wickramasinghe, Bandara, Rajapaksha, Rajendran, Sivanesan, Dissanayake, Gunawardena, Kumarasinghe');
const AF_M = split('Ahmad Shah, Mohammad Nabi, Abdul Wali, Gul Agha, Hamid, Naqibullah, Sayed Karim, Rahmatullah, Javid, Mustafa, Ali Reza, Hussain');
const AF_F = split('Fatima, Zahra, Mariam, Shabnam, Gulalai, Fereshta, Nilofar');
const AF_SUR = split('Rahimi, Hashimi, Ahmadi, Karimi, Mohammadi, Hosseini, Sultani, Wardak, Popal, Noori, Sharifi, Haidari');
const ANGLO_M = split('James, Daniel, Michael, Thomas, Matthew, Joshua, Liam, Jack, Benjamin, Ryan, Nathan, Luke, Andrew, Peter, Samuel, Craig');
const ANGLO_F = split('Sarah, Emily, Jessica, Olivia, Chloe, Rebecca, Hannah, Emma, Sophie, Laura, Megan, Kate');
const ANGLO_SUR = split('Smith, Jones, Williams, Brown, Wilson, Taylor, Johnson, White, Martin, Anderson, Thompson, Walker, Harris, Ryan, Kelly, Murphy, Campbell, Mitchell, O\'Brien, Robinson');

function surnamePool(male: readonly string[], female: readonly string[], surnames: readonly string[], inherit: number, surnameFirst = false): Pool {
  return {
    male, female, surnames, inherit,
    compose: (_rng, given, _gender, key) => (key === '' ? given : surnameFirst ? `${key} ${given}` : `${given} ${key}`),
  };
}

const POOLS: Record<People, Pool> = {
  malay: {
    male: MALAY_M, female: MALAY_F, surnames: [], inherit: 1,
    compose: (_r, given, gender, father) => `${given} ${gender === 'm' ? 'bin' : 'binti'} ${father}`,
  },
  chinese: surnamePool(CHINESE_M, CHINESE_F, CHINESE_SUR, 1, true),
  indian_my: {
    male: INDIAN_MY_M, female: INDIAN_MY_F, surnames: [], inherit: 1,
    compose: (_r, given, gender, father) => `${given} ${gender === 'm' ? 'a/l' : 'a/p'} ${father}`,
  },
  bangladeshi: {
    male: BD_M, female: BD_F, surnames: BD_SUR, inherit: 0.6,
    compose: (rng, given, gender, key) => {
      if (gender === 'f') return `${given} ${key !== '' && rng.chance(0.4) ? key : rng.pick(BD_F_SUR)}`;
      const prefix = rng.weighted([['Md ', 0.45], ['Mohammad ', 0.2], ['', 0.35]] as const);
      return `${prefix}${given}${key === '' ? '' : ` ${key}`}`;
    },
  },
  rohingya: { male: ROHINGYA_M, female: ROHINGYA_F, surnames: [], inherit: 0, compose: (_r, given) => given },
  indonesian: {
    male: INDO_M, female: INDO_F, surnames: INDO_SUFFIX, inherit: 0.15,
    compose: (rng, given, _g, key) => (key !== '' && rng.chance(0.5) ? `${given} ${key}` : given),
  },
  nepali: surnamePool(NEPALI_M, NEPALI_F, NEPALI_SUR, 0.9),
  burmese: { male: BURMESE_M, female: BURMESE_F, surnames: [], inherit: 0, compose: (_r, given) => given },
  indian: surnamePool(INDIAN_M, INDIAN_F, INDIAN_SUR, 0.7),
  pakistani: surnamePool(PAK_M, PAK_F, PAK_SUR, 0.5),
  thai: surnamePool(THAI_M, THAI_F, THAI_SUR, 0.9),
  lao: surnamePool(LAO_M, LAO_F, LAO_SUR, 0.8),
  cambodian: surnamePool(KH_M, KH_F, KH_SUR, 0.8, true),
  vietnamese: surnamePool(VN_M, VN_F, VN_SUR, 0.9, true),
  filipino: surnamePool(PH_M, PH_F, PH_SUR, 0.9),
  srilankan: surnamePool(LK_M, LK_F, LK_SUR, 0.8),
  afghan: surnamePool(AF_M, AF_F, AF_SUR, 0.6),
  anglo: surnamePool(ANGLO_M, ANGLO_F, ANGLO_SUR, 0.9),
};

/** A fresh family key for `people`: a surname, or a father's given name for patronymic peoples. */
export function newFamilyKey(rng: Rng, people: People): string {
  const pool = POOLS[people];
  if (people === 'malay' || people === 'indian_my') return rng.pick(pool.male).split(' ').slice(-1)[0] as string;
  if (pool.surnames.length === 0) return '';
  return rng.pick(pool.surnames);
}

/** A person's name; relatives are made by passing the same `familyKey`. */
export function personName(rng: Rng, people: People, gender: Gender, familyKey?: string): PersonName {
  const pool = POOLS[people];
  const given = rng.pick(gender === 'm' ? pool.male : pool.female);
  let key = familyKey ?? newFamilyKey(rng, people);
  // In communities where names are only partly inherited, a relative may not carry the key.
  if (familyKey !== undefined && !rng.chance(pool.inherit) && people !== 'malay' && people !== 'indian_my') {
    key = newFamilyKey(rng, people);
  }
  return { full: pool.compose(rng, given, gender, key), given, familyKey: key, gender };
}

/** The name of the father of someone with this family key (patronymic peoples), else a relative. */
export function parentName(rng: Rng, people: People, childKey: string, gender: Gender): PersonName {
  if (people === 'malay' || people === 'indian_my') {
    if (gender === 'm') {
      const grandfather = newFamilyKey(rng, people);
      return { full: POOLS[people].compose(rng, childKey, 'm', grandfather), given: childKey, familyKey: grandfather, gender };
    }
    return personName(rng, people, 'f');
  }
  return personName(rng, people, gender, childKey);
}

/** A spouse: married women take the husband's surname in some communities only. */
export function spouseName(rng: Rng, people: People, partner: PersonName): PersonName {
  const gender: Gender = partner.gender === 'm' ? 'f' : 'm';
  const takesName = ['nepali', 'thai', 'anglo', 'filipino', 'srilankan', 'indian', 'lao'].includes(people) && rng.chance(0.75);
  return personName(rng, people, gender, takesName ? partner.familyKey : undefined);
}

/** ISO 3166-1 country of a people (nationality as recorded in KYC). */
export const PEOPLE_COUNTRY: Record<People, string> = {
  malay: 'MY', chinese: 'MY', indian_my: 'MY', bangladeshi: 'BD', rohingya: 'MM', indonesian: 'ID', nepali: 'NP',
  burmese: 'MM', indian: 'IN', pakistani: 'PK', thai: 'TH', lao: 'LA', cambodian: 'KH', vietnamese: 'VN',
  filipino: 'PH', srilankan: 'LK', afghan: 'AF', anglo: 'AU',
};

const PHONE_FORMAT: Record<string, (rng: Rng) => string> = {
  MY: (r) => { const p = r.pick(['0', '2', '3', '6', '7', '9', '1']); return `+601${p}${r.digits(p === '1' ? 8 : 7)}`; },
  BD: (r) => `+8801${r.pick(['3', '4', '5', '6', '7', '8', '9'])}${r.digits(8)}`,
  ID: (r) => `+628${r.pick(['11', '12', '13', '21', '22', '52', '53', '57', '77', '78', '81', '95'])}${r.digits(r.int(7, 8))}`,
  NP: (r) => `+97798${r.digits(8)}`,
  MM: (r) => `+959${r.digits(9)}`,
  IN: (r) => `+91${r.pick(['6', '7', '8', '9'])}${r.digits(9)}`,
  PK: (r) => `+923${r.digits(9)}`,
  TH: (r) => `+66${r.pick(['6', '8', '9'])}${r.digits(8)}`,
  LA: (r) => `+85620${r.digits(8)}`,
  KH: (r) => `+855${r.pick(['10', '12', '15', '16', '17', '92', '96'])}${r.digits(6)}`,
  VN: (r) => `+849${r.digits(8)}`,
  PH: (r) => `+639${r.digits(9)}`,
  LK: (r) => `+947${r.digits(8)}`,
  AF: (r) => `+937${r.digits(8)}`,
  AU: (r) => `+614${r.digits(8)}`,
  SA: (r) => `+9665${r.digits(8)}`,
  AE: (r) => `+9715${r.digits(8)}`,
  SG: (r) => `+65${r.pick(['8', '9'])}${r.digits(7)}`,
};

/** A mobile number in E.164 form for a country (falls back to a generic pattern). */
export function phoneNumber(rng: Rng, country: string): string {
  const f = PHONE_FORMAT[country];
  return f === undefined ? `+${rng.int(20, 99)}${rng.digits(9)}` : f(rng);
}

/** Local representation of a wallet number as used for mobile money (bKash: 01XXXXXXXXX). */
export function walletNumber(rng: Rng, country: string): string {
  if (country === 'BD') return `01${rng.pick(['3', '4', '5', '6', '7', '8', '9'])}${rng.digits(8)}`;
  if (country === 'MM') return `09${rng.digits(9)}`;
  if (country === 'PH') return `09${rng.digits(9)}`;
  return `0${rng.digits(10)}`;
}

/** An identity document number as a KYC system records it. */
export function documentNumber(rng: Rng, nationality: string, residence: string, birthYear: number, refugee = false): string {
  if (refugee) return `UNHCR ${rng.digits(3)}-${rng.digits(2)}C${rng.digits(5)}`;
  if (nationality === residence) {
    switch (nationality) {
      case 'MY': {
        const yy = String(birthYear % 100).padStart(2, '0');
        const mm = String(rng.int(1, 12)).padStart(2, '0');
        const dd = String(rng.int(1, 28)).padStart(2, '0');
        const pb = rng.pick(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14']);
        return `${yy}${mm}${dd}-${pb}-${rng.digits(4)}`;
      }
      case 'ID': return `NIK ${rng.digits(16)}`;
      case 'TH': return `${rng.int(1, 8)}${rng.digits(12)}`;
      case 'AU': return `DL ${rng.digits(8)}`;
      default: return `ID ${rng.digits(10)}`;
    }
  }
  return `${nationality} ${rng.letters(nationality === 'IN' || nationality === 'ID' ? 1 : 2)}${rng.digits(7)}`;
}

const COMPANY_WORDS = split('Maju, Jaya, Sinar, Mega, Bumi, Harapan, Cemerlang, Makmur, Sentosa, Gemilang, Prima, Setia, Bintang, Indah, Murni, Teguh, Perdana, Wawasan, Mutiara, Delima, Kencana, Global, Pacific, Eastern, Golden, Asia, United, Star, Lucky, Everbright');

/** A company name in the style of the locale (Sdn Bhd, PT, Co., Ltd., Pty Ltd). */
const COMPANY_WORDS_EN = split('Global, Pacific, Eastern, Golden, Asia, United, Star, Lucky, Southern, Harbour, Summit, Coastal, Metro, Premier, Pioneer, Northern, Crown, Bright');

export function companyName(rng: Rng, locale: string, business: string): string {
  const words = locale === 'AU' || locale === 'TH' ? COMPANY_WORDS_EN : COMPANY_WORDS;
  const a = rng.pick(words);
  let b = rng.pick(words);
  if (b === a) b = 'Enterprise';
  switch (locale) {
    case 'ID': return `PT ${a} ${b} ${business}`;
    case 'TH': return `${a} ${b} ${business} Co., Ltd.`;
    case 'AU': return `${a} ${b} ${business} Pty Ltd`;
    default: return rng.chance(0.75) ? `${a} ${b} ${business} Sdn Bhd` : `${a} ${b} ${business} Enterprise`;
  }
}
