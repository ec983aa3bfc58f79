/*
 * kommunenummer → name, with the dates each number was valid (SSB's classification 131). Numbers
 * change on regional reforms (2020, and 2024 when Viken and Vestfold og Telemark were split: Bærum
 * 3024 → 3201, Holmestrand 3802 → 3903, Ringerike 3007 → 3305): a case keeps the number it was
 * recorded with (DOMAIN.md §1), so every number that was ever valid keeps its name, with its
 * successor. Kept list, never fetched: it covers the 2020–2023 counties Viken and Vestfold og
 * Telemark and their 2024 successors, the municipalities of the state-report seeds and of the tests;
 * others are shown by number until added here.
 */

/** [number, name, valid from, valid to (null = still valid), the number that replaced it] */
type Row = readonly [string, string, string, string | null, string | null];

const ROWS: readonly Row[] = [
  ['3001', 'Halden', '2020-01-01', '2023-12-31', '3101'],
  ['3002', 'Moss', '2020-01-01', '2023-12-31', '3103'],
  ['3003', 'Sarpsborg', '2020-01-01', '2023-12-31', '3105'],
  ['3004', 'Fredrikstad', '2020-01-01', '2023-12-31', '3107'],
  ['3005', 'Drammen', '2020-01-01', '2023-12-31', '3301'],
  ['3006', 'Kongsberg', '2020-01-01', '2023-12-31', '3303'],
  ['3007', 'Ringerike', '2020-01-01', '2023-12-31', '3305'],
  ['3011', 'Hvaler', '2020-01-01', '2023-12-31', '3110'],
  ['3012', 'Aremark', '2020-01-01', '2023-12-31', '3124'],
  ['3013', 'Marker', '2020-01-01', '2023-12-31', '3122'],
  ['3014', 'Indre Østfold', '2020-01-01', '2023-12-31', '3118'],
  ['3015', 'Skiptvet', '2020-01-01', '2023-12-31', '3116'],
  ['3016', 'Rakkestad', '2020-01-01', '2023-12-31', '3120'],
  ['3017', 'Råde', '2020-01-01', '2023-12-31', '3112'],
  ['3018', 'Våler', '2020-01-01', '2023-12-31', '3114'],
  ['3019', 'Vestby', '2020-01-01', '2023-12-31', '3216'],
  ['3020', 'Nordre Follo', '2020-01-01', '2023-12-31', '3207'],
  ['3021', 'Ås', '2020-01-01', '2023-12-31', '3218'],
  ['3022', 'Frogn', '2020-01-01', '2023-12-31', '3214'],
  ['3023', 'Nesodden', '2020-01-01', '2023-12-31', '3212'],
  ['3024', 'Bærum', '2020-01-01', '2023-12-31', '3201'],
  ['3025', 'Asker', '2020-01-01', '2023-12-31', '3203'],
  ['3026', 'Aurskog-Høland', '2020-01-01', '2023-12-31', '3226'],
  ['3027', 'Rælingen', '2020-01-01', '2023-12-31', '3224'],
  ['3028', 'Enebakk', '2020-01-01', '2023-12-31', '3220'],
  ['3029', 'Lørenskog', '2020-01-01', '2023-12-31', '3222'],
  ['3030', 'Lillestrøm', '2020-01-01', '2023-12-31', '3205'],
  ['3031', 'Nittedal', '2020-01-01', '2023-12-31', '3232'],
  ['3032', 'Gjerdrum', '2020-01-01', '2023-12-31', '3230'],
  ['3033', 'Ullensaker', '2020-01-01', '2023-12-31', '3209'],
  ['3034', 'Nes', '2020-01-01', '2023-12-31', '3228'],
  ['3035', 'Eidsvoll', '2020-01-01', '2023-12-31', '3240'],
  ['3036', 'Nannestad', '2020-01-01', '2023-12-31', '3238'],
  ['3037', 'Hurdal', '2020-01-01', '2023-12-31', '3242'],
  ['3038', 'Hole', '2020-01-01', '2023-12-31', '3310'],
  ['3039', 'Flå', '2020-01-01', '2023-12-31', '3320'],
  ['3040', 'Nesbyen', '2020-01-01', '2023-12-31', '3322'],
  ['3041', 'Gol', '2020-01-01', '2023-12-31', '3324'],
  ['3042', 'Hemsedal', '2020-01-01', '2023-12-31', '3326'],
  ['3043', 'Ål', '2020-01-01', '2023-12-31', '3328'],
  ['3044', 'Hol', '2020-01-01', '2023-12-31', '3330'],
  ['3045', 'Sigdal', '2020-01-01', '2023-12-31', '3332'],
  ['3046', 'Krødsherad', '2020-01-01', '2023-12-31', '3318'],
  ['3047', 'Modum', '2020-01-01', '2023-12-31', '3316'],
  ['3048', 'Øvre Eiker', '2020-01-01', '2023-12-31', '3314'],
  ['3049', 'Lier', '2020-01-01', '2023-12-31', '3312'],
  ['3050', 'Flesberg', '2020-01-01', '2023-12-31', '3334'],
  ['3051', 'Rollag', '2020-01-01', '2023-12-31', '3336'],
  ['3052', 'Nore og Uvdal', '2020-01-01', '2023-12-31', '3338'],
  ['3053', 'Jevnaker', '2020-01-01', '2023-12-31', '3236'],
  ['3054', 'Lunner', '2020-01-01', '2023-12-31', '3234'],
  ['3801', 'Horten', '2020-01-01', '2023-12-31', '3901'],
  ['3802', 'Holmestrand', '2020-01-01', '2023-12-31', '3903'],
  ['3803', 'Tønsberg', '2020-01-01', '2023-12-31', '3905'],
  ['3804', 'Sandefjord', '2020-01-01', '2023-12-31', '3907'],
  ['3805', 'Larvik', '2020-01-01', '2023-12-31', '3909'],
  ['3806', 'Porsgrunn', '2020-01-01', '2023-12-31', '4001'],
  ['3807', 'Skien', '2020-01-01', '2023-12-31', '4003'],
  ['3808', 'Notodden', '2020-01-01', '2023-12-31', '4005'],
  ['3811', 'Færder', '2020-01-01', '2023-12-31', '3911'],
  ['3812', 'Siljan', '2020-01-01', '2023-12-31', '4010'],
  ['3813', 'Bamble', '2020-01-01', '2023-12-31', '4012'],
  ['3814', 'Kragerø', '2020-01-01', '2023-12-31', '4014'],
  ['3815', 'Drangedal', '2020-01-01', '2023-12-31', '4016'],
  ['3816', 'Nome', '2020-01-01', '2023-12-31', '4018'],
  ['3817', 'Midt-Telemark', '2020-01-01', '2023-12-31', '4020'],
  ['3818', 'Tinn', '2020-01-01', '2023-12-31', '4026'],
  ['3819', 'Hjartdal', '2020-01-01', '2023-12-31', '4024'],
  ['3820', 'Seljord', '2020-01-01', '2023-12-31', '4022'],
  ['3821', 'Kviteseid', '2020-01-01', '2023-12-31', '4028'],
  ['3822', 'Nissedal', '2020-01-01', '2023-12-31', '4030'],
  ['3823', 'Fyresdal', '2020-01-01', '2023-12-31', '4032'],
  ['3824', 'Tokke', '2020-01-01', '2023-12-31', '4034'],
  ['3825', 'Vinje', '2020-01-01', '2023-12-31', '4036'],
  ['3101', 'Halden', '2024-01-01', null, null],
  ['3103', 'Moss', '2024-01-01', null, null],
  ['3105', 'Sarpsborg', '2024-01-01', null, null],
  ['3107', 'Fredrikstad', '2024-01-01', null, null],
  ['3110', 'Hvaler', '2024-01-01', null, null],
  ['3112', 'Råde', '2024-01-01', null, null],
  ['3114', 'Våler', '2024-01-01', null, null],
  ['3116', 'Skiptvet', '2024-01-01', null, null],
  ['3118', 'Indre Østfold', '2024-01-01', null, null],
  ['3120', 'Rakkestad', '2024-01-01', null, null],
  ['3122', 'Marker', '2024-01-01', null, null],
  ['3124', 'Aremark', '2024-01-01', null, null],
  ['3201', 'Bærum', '2024-01-01', null, null],
  ['3203', 'Asker', '2024-01-01', null, null],
  ['3205', 'Lillestrøm', '2024-01-01', null, null],
  ['3207', 'Nordre Follo', '2024-01-01', null, null],
  ['3209', 'Ullensaker', '2024-01-01', null, null],
  ['3212', 'Nesodden', '2024-01-01', null, null],
  ['3214', 'Frogn', '2024-01-01', null, null],
  ['3216', 'Vestby', '2024-01-01', null, null],
  ['3218', 'Ås', '2024-01-01', null, null],
  ['3220', 'Enebakk', '2024-01-01', null, null],
  ['3222', 'Lørenskog', '2024-01-01', null, null],
  ['3224', 'Rælingen', '2024-01-01', null, null],
  ['3226', 'Aurskog-Høland', '2024-01-01', null, null],
  ['3228', 'Nes', '2024-01-01', null, null],
  ['3230', 'Gjerdrum', '2024-01-01', null, null],
  ['3232', 'Nittedal', '2024-01-01', null, null],
  ['3234', 'Lunner', '2024-01-01', null, null],
  ['3236', 'Jevnaker', '2024-01-01', null, null],
  ['3238', 'Nannestad', '2024-01-01', null, null],
  ['3240', 'Eidsvoll', '2024-01-01', null, null],
  ['3242', 'Hurdal', '2024-01-01', null, null],
  ['3301', 'Drammen', '2024-01-01', null, null],
  ['3303', 'Kongsberg', '2024-01-01', null, null],
  ['3305', 'Ringerike', '2024-01-01', null, null],
  ['3310', 'Hole', '2024-01-01', null, null],
  ['3312', 'Lier', '2024-01-01', null, null],
  ['3314', 'Øvre Eiker', '2024-01-01', null, null],
  ['3316', 'Modum', '2024-01-01', null, null],
  ['3318', 'Krødsherad', '2024-01-01', null, null],
  ['3320', 'Flå', '2024-01-01', null, null],
  ['3322', 'Nesbyen', '2024-01-01', null, null],
  ['3324', 'Gol', '2024-01-01', null, null],
  ['3326', 'Hemsedal', '2024-01-01', null, null],
  ['3328', 'Ål', '2024-01-01', null, null],
  ['3330', 'Hol', '2024-01-01', null, null],
  ['3332', 'Sigdal', '2024-01-01', null, null],
  ['3334', 'Flesberg', '2024-01-01', null, null],
  ['3336', 'Rollag', '2024-01-01', null, null],
  ['3338', 'Nore og Uvdal', '2024-01-01', null, null],
  ['3901', 'Horten', '2024-01-01', null, null],
  ['3903', 'Holmestrand', '2024-01-01', null, null],
  ['3905', 'Tønsberg', '2024-01-01', null, null],
  ['3907', 'Sandefjord', '2024-01-01', null, null],
  ['3909', 'Larvik', '2024-01-01', null, null],
  ['3911', 'Færder', '2024-01-01', null, null],
  ['4001', 'Porsgrunn', '2024-01-01', null, null],
  ['4003', 'Skien', '2024-01-01', null, null],
  ['4005', 'Notodden', '2024-01-01', null, null],
  ['4010', 'Siljan', '2024-01-01', null, null],
  ['4012', 'Bamble', '2024-01-01', null, null],
  ['4014', 'Kragerø', '2024-01-01', null, null],
  ['4016', 'Drangedal', '2024-01-01', null, null],
  ['4018', 'Nome', '2024-01-01', null, null],
  ['4020', 'Midt-Telemark', '2024-01-01', null, null],
  ['4022', 'Seljord', '2024-01-01', null, null],
  ['4024', 'Hjartdal', '2024-01-01', null, null],
  ['4026', 'Tinn', '2024-01-01', null, null],
  ['4028', 'Kviteseid', '2024-01-01', null, null],
  ['4030', 'Nissedal', '2024-01-01', null, null],
  ['4032', 'Fyresdal', '2024-01-01', null, null],
  ['4034', 'Tokke', '2024-01-01', null, null],
  ['4036', 'Vinje', '2024-01-01', null, null],
  // before 2020: the two municipalities that merged into the seeds' joint services
  ['0627', 'Røyken', '1838-01-01', '2019-12-31', '3025'],
  ['0713', 'Sande (Vestfold)', '1838-01-01', '2019-12-31', '3802'],
  ['0301', 'Oslo', '1838-01-01', null, null],
  ['1103', 'Stavanger', '2020-01-01', null, null],
  ['1507', 'Ålesund', '2020-01-01', '2023-12-31', '1508'],
  ['1508', 'Ålesund', '2024-01-01', null, null],
  ['1580', 'Haram', '2024-01-01', null, null],
  ['1579', 'Hustadvika', '2020-01-01', null, null],
  ['1804', 'Bodø', '2020-01-01', null, null],
  ['4204', 'Kristiansand', '2020-01-01', null, null],
  ['4601', 'Bergen', '2020-01-01', null, null],
  ['5001', 'Trondheim', '2020-01-01', null, null],
  ['5401', 'Tromsø', '2020-01-01', '2023-12-31', '5501'],
  ['5403', 'Alta', '2020-01-01', '2023-12-31', '5603'],
  ['5501', 'Tromsø', '2024-01-01', null, null],
  ['5603', 'Alta', '2024-01-01', null, null],
];

export interface Municipality {
  number: string;
  name: string;
  validFrom: string;
  validTo: string | null;
  successor: string | null;
}

const BY_NUMBER: ReadonlyMap<string, Municipality> = new Map(
  ROWS.map(([number, name, validFrom, validTo, successor]) => [number, { number, name, validFrom, validTo, successor }]),
);

export function municipality(number: string): Municipality | undefined {
  return BY_NUMBER.get(number);
}

/** "Bærum (3201)", "Holmestrand (3802, til 2023)"; an unknown number as itself. */
export function municipalityLabel(number: string): string {
  const m = BY_NUMBER.get(number);
  if (m === undefined) return number;
  return m.validTo === null ? `${m.name} (${number})` : `${m.name} (${number}, til ${m.validTo.slice(0, 4)})`;
}

/** Whether the number was valid on an ISO date. */
export function isValidOn(m: Municipality, date: string): boolean {
  return m.validFrom <= date && (m.validTo === null || date <= m.validTo);
}

export const KNOWN_MUNICIPALITIES: readonly Municipality[] = [...BY_NUMBER.values()];
