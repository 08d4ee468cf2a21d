// The countries of ISO 3166-1 by their two-letter codes, in capitals as tools and sellers write
// them after an account: KinanCity's and PHP-PokemonGO_AccountCreator's country column (`DE`,
// `US`), darkpy/pokemongo-bot-manager's accounts.txt (`user:pass US 30 (running)`: its
// `Account.parse` reads the country and the level after the blank), a seller's region note
// (`user:pass EU`, which is no country: only the codes below). `UK`, the common mistake for GB, too.
// One list, so that every reader of a note knows the same codes; lower-case words (`in`, `at`,
// `no`) are sentence words, never taken for a country.

const CODES = new Set('AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW UK'.split(' '));

/** A country's two-letter code in capitals (`US`, `DE`, `GB`, `UK`). */
export function isCountryCode(w: string): boolean {
  return w.length === 2 && CODES.has(w);
}
