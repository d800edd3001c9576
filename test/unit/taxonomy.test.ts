import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import taxonomyData from '../../src/engine/data/taxonomy.json';
import {
  CategoryMatcher,
  MatchContext,
  builtinCategories,
  builtinDataUses,
  categoryCovers,
  customCategory,
  isBuiltinCategory,
  isBuiltinDataUse,
  tokenize,
} from '../../src/engine/core/taxonomy';

/** Tests are compiled to out/test/unit, so the shared folder is four levels up, next to the project. */
const SHARED_TAXONOMY = path.resolve(__dirname, '../../../..', 'shared/taxonomy');

/** The keys of a fideslang key list: one per line, `#` starts a comment. */
function readKeys(file: string): string[] {
  return fs.readFileSync(path.join(SHARED_TAXONOMY, file), 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line.length > 0);
}

/** One matcher case: identifier (or tokens), expected category, optional context. */
type Case = [string | string[], string | undefined, MatchContext?];

const PERSON: MatchContext = { personContext: true };

const POSITIVE: Case[] = [
  // Names.
  ['firstName', 'user.name.first'], ['first_name', 'user.name.first'], ['FIRST_NAME', 'user.name.first'],
  ['givenName', 'user.name.first'], ['fname', 'user.name.first'], ['forename', 'user.name.first'],
  ['firstname', 'user.name.first'], ['lastName', 'user.name.last'], ['surname', 'user.name.last'],
  ['familyName', 'user.name.last'], ['last-name', 'user.name.last'], ['fullName', 'user.name'],
  ['displayName', 'user.name'], ['middleName', 'user.name'], ['nickname', 'user.name'], ['legalName', 'user.name'],
  ['invitedByName', 'user.name'], ['createdByName', 'user.name'], ['assignedToName', 'user.name'], ['teamName', undefined],
  ['user.name', 'user.name'], ['userName', 'user.name'], ['customerName', 'user.name'], ['billing.name', 'user.name'],
  ['name', 'user.name', PERSON], ['name', 'user.name', { qualifiers: ['customer', 'billing'] }],
  ['names', 'user.name', { qualifiers: ['users'] }], ['ownerName', 'user.name'], ['authorName', 'user.name'],
  ['contactName', 'user.name'], [['First', 'Name'], 'user.name.first'],
  ['name', 'user.name', { qualifiers: ['req', 'body'], personContext: true }],
  // Email.
  ['email', 'user.contact.email'], ['userEmail', 'user.contact.email'], ['USER_EMAIL', 'user.contact.email'],
  ['billingEmailAddress', 'user.contact.email'], ['emailAddress', 'user.contact.email'],
  ['e-mail', 'user.contact.email'], ['eMail', 'user.contact.email'], ['emails', 'user.contact.email'],
  ['customer_email', 'user.contact.email'], ['emailValue', 'user.contact.email'],
  ['emailNormalized', 'user.contact.email'], ['email2', 'user.contact.email'], ['contactEmail', 'user.contact.email'],
  ['mail', 'user.contact.email', PERSON], ['userMail', 'user.contact.email'], [['user', 'email'], 'user.contact.email'],
  ['email', 'user.contact.email', { qualifiers: ['req', 'body'] }],
  // Phone and fax.
  ['phone', 'user.contact.phone_number'], ['phoneNumber', 'user.contact.phone_number'],
  ['phoneNumbers', 'user.contact.phone_number'], ['mobileNumber', 'user.contact.phone_number'],
  ['telephone', 'user.contact.phone_number'], ['tel', 'user.contact.phone_number'],
  ['cellPhone', 'user.contact.phone_number'], ['msisdn', 'user.contact.phone_number'],
  ['userMobile', 'user.contact.phone_number'], ['mobile', 'user.contact.phone_number', PERSON],
  ['phone_no', 'user.contact.phone_number'], ['faxNumber', 'user.contact.fax_number'],
  // Postal address.
  ['customerAddress', 'user.contact.address'], ['billingAddress', 'user.contact.address'],
  ['shippingAddress', 'user.contact.address'], ['homeAddress', 'user.contact.address'],
  ['addresses', 'user.contact.address', PERSON], ['streetAddress', 'user.contact.address.street'],
  ['addressLine1', 'user.contact.address.street'], ['street', 'user.contact.address.street'],
  ['city', 'user.contact.address.city', PERSON], ['customerCity', 'user.contact.address.city'],
  ['shippingCity', 'user.contact.address.city'], ['city', 'user.contact.address.city', { qualifiers: ['billingAddress'] }],
  ['state', 'user.contact.address.state', PERSON], ['shippingState', 'user.contact.address.state'],
  ['province', 'user.contact.address.state'], ['zipCode', 'user.contact.address.postal_code'],
  ['zipcode', 'user.contact.address.postal_code'], ['postalCode', 'user.contact.address.postal_code'],
  ['postcode', 'user.contact.address.postal_code'], ['zip', 'user.contact.address.postal_code', PERSON],
  ['country', 'user.contact.address.country', PERSON], ['userCountry', 'user.contact.address.country'],
  ['countryCode', 'user.contact.address.country', PERSON], ['cities', undefined, PERSON], ['regions', undefined, PERSON], ['countries', undefined, PERSON],
  // Organisation, url, workplace, job.
  ['companyName', 'user.contact.organization'], ['company', 'user.contact.organization', PERSON],
  ['organizationName', 'user.contact.organization'], ['website', 'user.contact.url', PERSON],
  ['personalWebsite', 'user.contact.url'], ['employer', 'user.workplace'], ['workplace', 'user.workplace'],
  ['jobTitle', 'user.job_title'], ['occupation', 'user.job_title'],
  // Demographics.
  ['dateOfBirth', 'user.demographic.date_of_birth'], ['dob', 'user.demographic.date_of_birth'],
  ['DOB', 'user.demographic.date_of_birth'], ['birthday', 'user.demographic.date_of_birth'],
  ['birthDate', 'user.demographic.date_of_birth'], ['date_of_birth', 'user.demographic.date_of_birth'],
  ['userAge', 'user.demographic.age_range'], ['age', 'user.demographic.age_range', PERSON],
  ['ageRange', 'user.demographic.age_range'], ['gender', 'user.demographic.gender'],
  ['sex', 'user.demographic.gender'], ['preferredLanguage', 'user.demographic.language'],
  ['userLocale', 'user.demographic.language'], ['locale', 'user.demographic.language', PERSON],
  ['religion', 'user.demographic.religious_belief'], ['ethnicity', 'user.demographic.race_ethnicity'],
  ['race', 'user.demographic.race_ethnicity', PERSON], ['politicalAffiliation', 'user.demographic.political_opinion'],
  ['sexualOrientation', 'user.demographic.sexual_orientation'], ['maritalStatus', 'user.demographic.marital_status'],
  ['demographics', 'user.demographic'], ['interests', 'user.demographic.profile'],
  // Device and network.
  ['ip', 'user.device.ip_address'], ['ipAddress', 'user.device.ip_address'], ['IPAddress', 'user.device.ip_address'],
  ['remoteAddress', 'user.device.ip_address'], ['req.ip', 'user.device.ip_address'], ['clientIp', 'user.device.ip_address'],
  ['clientIP', 'user.device.ip_address'], ['X-Forwarded-For', 'user.device.ip_address'],
  ['forwardedFor', 'user.device.ip_address'], ['ipv4Address', 'user.device.ip_address'],
  ['ipv6', 'user.device.ip_address'], ['clientIPs', 'user.device.ip_address'],
  ['deviceId', 'user.device.device_id'], ['device_id', 'user.device.device_id'], ['idfa', 'user.device.device_id'],
  ['gaid', 'user.device.device_id'], ['advertisingId', 'user.device.device_id'], ['pushToken', 'user.device.device_id'],
  ['macAddress', 'user.device.device_id'], ['cookie', 'user.device.cookie'], ['document.cookie', 'user.device.cookie'],
  ['cookieId', 'user.device.cookie_id'], ['userAgent', 'user.device', { personContext: true }], ['userAgent', undefined],
  // Identifiers and accounts.
  ['userId', 'user.unique_id'], ['userID', 'user.unique_id'], ['user_id', 'user.unique_id'], ['userIDs', 'user.unique_id'],
  ['customerId', 'user.unique_id'], ['accountId', 'user.unique_id'], ['memberId', 'user.unique_id'], ['uid', 'user.unique_id', PERSON], ['userUid', 'user.unique_id'],
  ['distinctId', 'user.unique_id.pseudonymous'], ['anonymousId', 'user.unique_id.pseudonymous'],
  ['visitorId', 'user.unique_id.pseudonymous'], ['username', 'user.account.username'],
  ['loginName', 'user.account.username'], ['screenName', 'user.account.username'],
  ['login', 'user.account.username', PERSON], ['userHandle', 'user.account.username'],
  ['userAccount', 'user.account'], ['userSettings', 'user.account.settings'], ['userRole', 'user.authorization'],
  // Secrets.
  ['password', 'user.authorization.password'], ['passwd', 'user.authorization.password'],
  ['pwd', 'user.authorization.password', PERSON], ['userPassword', 'user.authorization.password'],
  ['newPassword', 'user.authorization.password'], ['passwordHash', 'user.authorization.password'],
  ['hashedPassword', 'user.authorization.password'], ['confirmPassword', 'user.authorization.password'],
  ['accessToken', 'user.authorization.credentials'], ['refreshToken', 'user.authorization.credentials'], ['magicLink', 'user.authorization.credentials'], ['passwordResetLink', 'user.authorization.credentials'],
  ['sessionToken', 'user.authorization.credentials'], ['authToken', 'user.authorization.credentials'],
  ['sessionId', 'user.unique_id.pseudonymous', { personContext: true }], ['sessionId', undefined], ['sessionToken', 'user.authorization.credentials'], ['userCredentials', 'user.authorization.credentials'],
  ['token', 'user.authorization.credentials', PERSON], ['resetToken', 'user.authorization.credentials'],
  ['faceId', 'user.authorization.biometric'], ['touchId', 'user.authorization.biometric'],
  // Financial.
  ['creditCard', 'user.financial.credit_card'], ['cardNumber', 'user.financial.credit_card'],
  ['cvc', 'user.financial.credit_card'], ['cvv', 'user.financial.credit_card'], ['expMonth', 'user.financial.credit_card'],
  ['exp_year', 'user.financial.credit_card'], ['card', 'user.financial.credit_card', PERSON],
  ['cardholderName', 'user.financial.credit_card'], ['iban', 'user.financial.bank_account'],
  ['bankAccount', 'user.financial.bank_account'], ['routingNumber', 'user.financial.bank_account'],
  ['salary', 'user.financial'], ['paymentMethod', 'user.payment'],
  // Government ids.
  ['ssn', 'user.government_id.national_identification_number'],
  ['socialSecurityNumber', 'user.government_id.national_identification_number'],
  ['nationalId', 'user.government_id.national_identification_number'],
  ['taxId', 'user.government_id.national_identification_number'],
  ['passportNumber', 'user.government_id.passport_number'], ['passport', 'user.government_id.passport_number', PERSON],
  ['driversLicense', 'user.government_id.drivers_license_number'],
  ['driverLicenseNumber', 'user.government_id.drivers_license_number'],
  ['licensePlate', 'user.government_id.vehicle_registration'], ['visaStatus', 'user.government_id.immigration'],
  // Health and biometrics.
  ['diagnosis', 'user.health_and_medical'], ['medicalHistory', 'user.health_and_medical'],
  ['allergies', 'user.health_and_medical'], ['medicalRecordNumber', 'user.health_and_medical.record_id'],
  ['mrn', 'user.health_and_medical.record_id'], ['genome', 'user.health_and_medical.genetic'],
  ['insuranceId', 'user.health_and_medical.insurance_beneficiary_id'], ['heartRate', 'user.biometric.health'],
  ['fingerprintImage', 'user.biometric.fingerprint'], ['userFingerprint', 'user.biometric.fingerprint'],
  ['voiceprint', 'user.biometric.voice'], ['irisScan', 'user.biometric.retinal'], ['faceEmbedding', 'user.biometric'],
  // Location.
  ['latitude', 'user.location.precise'], ['longitude', 'user.location.precise'], ['lat', 'user.location.precise', PERSON],
  ['userLat', 'user.location.precise'], ['geolocation', 'user.location.precise'],
  ['navigator.geolocation', 'user.location.precise'], ['gpsCoordinates', 'user.location.precise'],
  ['coords', 'user.location.precise', PERSON], ['userLocation', 'user.location'], ['location', 'user.location', PERSON],
  ['timezone', 'user.location.imprecise', PERSON], ['approximateLocation', 'user.location.imprecise'],
  // An IP lookup (`geoip`) is where the address is; the IP a geo context holds (`geo.ip`, `geoIp`) is the address.
  ['geoip', 'user.location.imprecise'], ['geo.ip', 'user.device.ip_address'], ['geoIp', 'user.device.ip_address'],
  // Behaviour, content, preferences and the rest.
  ['browsingHistory', 'user.behavior.browsing_history'], ['purchaseHistory', 'user.behavior.purchase_history'],
  ['customerOrders', 'user.behavior.purchase_history'], ['searchHistory', 'user.behavior.search_history'],
  ['searchQuery', 'user.behavior.search_history'], ['search', 'user.behavior.search_history', PERSON],
  ['watchHistory', 'user.behavior.media_consumption'], ['criminalRecord', 'user.criminal_history'],
  ['childName', 'user.childrens'], ['avatar', 'user.content.self_image'], ['image', 'user.content.self_image', { qualifiers: ['user'] }], ['image', undefined], ['ogImage', undefined, PERSON], ['dockerImage', undefined, PERSON], ['avatarUrl', 'user.content.self_image'],
  ['profilePicture', 'user.content.self_image'], ['selfie', 'user.content.self_image'],
  ['userPhoto', 'user.content.self_image'], ['bio', 'user.content.public'], ['privateMessage', 'user.content.private'],
  ['consent', 'user.privacy_preferences'], ['optIn', 'user.privacy_preferences'], ['twitterHandle', 'user.social'],
  ['usageData', 'user.telemetry'], ['accelerometer', 'user.sensor'], ['getUserMedia', 'user.user_sensor'],
  ['pii', 'user'], ['personalData', 'user'], ['contactInfo', 'user.contact'],
];

const NEGATIVE: Case[] = [
  // An email-ish word that is not the address itself (rule 2) or a predicate (rule 3).
  ['emailTemplateId', undefined], ['emailEnabled', undefined], ['emailVerifiedAt', undefined], ['emailCount', undefined],
  ['emailRegex', undefined], ['EMAIL_PATTERN', undefined], ['emailRe', undefined], ['emailValidator', undefined],
  ['emailSchema', undefined], ['emailTemplate', undefined], ['emailSent', undefined], ['emailStatus', undefined],
  ['emailType', undefined], ['emailId', undefined], ['emailConfig', undefined], ['emailProvider', undefined],
  ['emailDomain', undefined], ['isEmailValid', undefined], ['hasEmail', undefined], ['shouldEmail', undefined],
  ['canEmail', undefined], ['validateEmail', undefined], ['withEmail', undefined], ['numEmails', undefined],
  ['noEmail', undefined],
  // The company's own addresses (exclude).
  ['supportEmail', undefined], ['fromEmail', undefined], ['noreplyEmail', undefined], ['senderEmail', undefined],
  ['SUPPORT_EMAIL', undefined], ['supportEmailAddress', undefined], ['replyToEmail', undefined],
  ['email', undefined, { qualifiers: ['support'] }], ['supportPhone', undefined],
  // Names that are not people's.
  ['nameSpace', undefined], ['namespace', undefined], ['fileName', undefined], ['pageName', undefined],
  ['eventName', undefined], ['typeName', undefined], ['className', undefined], ['displayNameKey', undefined],
  ['hostname', undefined], ['hostName', undefined], ['domainName', undefined], ['packageName', undefined],
  ['name', undefined], ['fileName', undefined, PERSON], ['name', undefined, { qualifiers: ['file'], personContext: true }],
  ['nameLength', undefined],
  // Addresses and places that are not a person's.
  ['address', undefined], ['server.address', undefined], ['serverAddress', undefined], ['memoryAddress', undefined],
  ['walletAddress', undefined, PERSON], ['city', undefined], ['state', undefined], ['userState', undefined],
  ['appState', undefined], ['formState', undefined, PERSON], ['country', undefined], ['zip', undefined],
  ['zipFile', undefined], ['location', undefined], ['window.location', undefined], ['locationHref', undefined],
  ['lat', undefined], ['position', undefined], ['mousePosition', undefined, PERSON], ['awsRegion', undefined, PERSON],
  ['timezone', undefined], ['serverTimezone', undefined, PERSON],
  // Secrets that are the application's, not the person's.
  ['token', undefined], ['csrfToken', undefined, PERSON], ['nextPageToken', undefined], ['apiKey', undefined],
  ['password', undefined, { qualifiers: ['db'] }], ['process.env.DB_PASSWORD', undefined], ['smtpPassword', undefined],
  ['passwordMinLength', undefined], ['PASSWORD_REGEX', undefined], ['passwordPolicy', undefined],
  ['credentials', undefined], ['passport', undefined], ['pin', undefined], ['gpioPin', undefined, PERSON],
  // Network addresses of servers.
  ['serverIp', undefined], ['hostIp', undefined], ['dedicatedIp', undefined], ['ipCount', undefined],
  // Everything else that is too vague or plainly not personal.
  ['age', undefined], ['maxAge', undefined], ['cacheAge', undefined, PERSON], ['language', undefined],
  ['programmingLanguage', undefined, PERSON], ['locale', undefined], ['id', undefined], ['id', undefined, PERSON],
  ['uuid', undefined], ['requestId', undefined], ['uid', undefined], ['clientUid', undefined], ['roomUid', undefined, PERSON], ['card', undefined], ['cardComponent', undefined],
  ['value', undefined], ['text', undefined], ['user', undefined], ['users', undefined], ['totalUsers', undefined],
  ['keyFingerprint', undefined, PERSON], ['handle', undefined], ['fileHandle', undefined, PERSON], ['login', undefined],
  ['loginUrl', undefined], ['settings', undefined], ['appSettings', undefined, PERSON], ['content', undefined],
  ['errorMessage', undefined], ['codeComment', undefined, PERSON], ['search', undefined], ['query', undefined],
  ['orders', undefined], ['sortOrder', undefined, PERSON], ['weight', undefined], ['fontWeight', undefined, PERSON],
  ['website', undefined], ['baseUrl', undefined, PERSON], ['photo', undefined], ['productPhoto', undefined, PERSON],
  ['company', undefined], ['region', undefined], ['mobile', undefined], ['', undefined],
];

/** A readable label for a case. */
function label([identifier, expected, context]: Case): string {
  const id = Array.isArray(identifier) ? JSON.stringify(identifier) : `"${identifier}"`;
  return `${id}${context ? ` ${JSON.stringify(context)}` : ''} -> ${expected ?? 'nothing'}`;
}

/** True when no other key lies below `key` in the hierarchy. */
function isLeaf(key: string, keys: readonly string[]): boolean {
  return !keys.some((other) => other.startsWith(`${key}.`));
}

describe('taxonomy data', () => {
  const categories = builtinCategories();
  const keys = categories.map((category) => category.key);

  it('credits fideslang', () => {
    assert.equal(taxonomyData.credit, 'Category and data-use keys from fideslang, (c) Ethyca, CC BY 4.0');
  });

  it('has exactly the fideslang category and data-use keys, in fideslang order', function () {
    if (!fs.existsSync(SHARED_TAXONOMY)) {
      console.warn('      ../shared is absent: skipping the fideslang key check');
      this.skip();
    }
    assert.deepEqual(keys, readKeys('fideslang-data-categories.txt'));
    assert.deepEqual(builtinDataUses().map((use) => use.key), readKeys('fideslang-data-uses.txt'));
    assert.equal(keys.length, 85);
    assert.equal(builtinDataUses().length, 56);
  });

  it('has no duplicate keys and a description for every entry', () => {
    const useKeys = builtinDataUses().map((use) => use.key);
    assert.equal(new Set(keys).size, keys.length);
    assert.equal(new Set(useKeys).size, useKeys.length);
    for (const entry of [...categories, ...builtinDataUses()]) assert.ok(entry.description.trim(), entry.key);
  });

  // Every user.* leaf has identifier words: there is no exception, since even user.childrens and
  // user.sensor have unambiguous compounds ("child name", "accelerometer").
  it('gives every user.* leaf a term or a weak term', () => {
    for (const key of keys.filter((k) => k.startsWith('user.') && isLeaf(k, keys))) {
      const category = categories.find((c) => c.key === key)!;
      assert.ok(category.terms.length + category.weakTerms.length > 0, key);
    }
  });

  it('gives categories outside user.* no identifier words', () => {
    for (const category of categories.filter((c) => c.key !== 'user' && !c.key.startsWith('user.'))) {
      assert.deepEqual([category.terms, category.weakTerms, category.exclude], [[], [], []], category.key);
    }
  });

  it('stores every term, weak term and exclusion already tokenized', () => {
    for (const category of categories) {
      for (const word of [...category.terms, ...category.weakTerms, ...category.exclude]) {
        assert.equal(tokenize(word).join(' '), word, `${category.key}: "${word}"`);
      }
    }
  });

  it('stores vocabulary lists as single tokens', () => {
    const lists = [taxonomyData.personWords, taxonomyData.neutralSuffixes, taxonomyData.negativePrefixes];
    for (const word of lists.flat()) assert.deepEqual(tokenize(word), [word]);
  });

  it('makes every term reachable: an identifier made of the term alone matches its category', () => {
    const matcher = new CategoryMatcher();
    for (const category of categories) {
      for (const term of category.terms) assert.equal(matcher.match(term), category.key, `"${term}"`);
      for (const term of category.weakTerms) assert.equal(matcher.match(term, PERSON), category.key, `weak "${term}"`);
    }
  });
});

describe('tokenize', () => {
  const cases: [string, string[]][] = [
    ['userID', ['user', 'id']], ['IPAddress', ['ip', 'address']], ['X-Forwarded-For', ['x', 'forwarded', 'for']],
    ['HTMLParser', ['html', 'parser']], ['email2', ['email', '2']], ['first_name', ['first', 'name']],
    ['first-name', ['first', 'name']], ['FIRST_NAME', ['first', 'name']], ['FirstName', ['first', 'name']],
    ['req.body.email', ['req', 'body', 'email']], ['user email', ['user', 'email']],
    ['XMLHttpRequest', ['xml', 'http', 'request']], ['ipv4', ['ipv', '4']], ['e-mail', ['e', 'mail']],
    ['eMail', ['e', 'mail']], ['$email', ['email']], ['__proto__', ['proto']], ['', []],
    ['userIDs', ['user', 'ids']], ['IPs', ['ips']], ['APIsList', ['apis', 'list']], ['IDsX', ['ids', 'x']],
    ['address1Line', ['address', '1', 'line']], ['OAuth2Token', ['o', 'auth', '2', 'token']],
  ];
  for (const [input, expected] of cases) {
    it(`"${input}" -> ${JSON.stringify(expected)}`, () => assert.deepEqual(tokenize(input), expected));
  }

  // Identifiers with a non-ASCII letter take the Unicode path: it must split exactly as the ASCII scanner does.
  it('splits non-ASCII identifiers by the same rules', () => {
    for (const [input, expected] of cases) assert.deepEqual(tokenize(`${input} ü`), [...expected, 'ü'], input);
    assert.deepEqual(tokenize('straßeNameÄrger'), ['straße', 'name', 'ärger']);
    assert.deepEqual(tokenize('ÉMAILAdresse'), ['émail', 'adresse']);
  });
});

describe('categoryCovers and built-in keys', () => {
  const covers: [string, string, boolean][] = [
    ['user.contact', 'user.contact.email', true], ['user', 'user.name.first', true],
    ['user.contact.email', 'user.contact.email', true], ['user.contact.address', 'user.contact.address.city', true],
    ['user.contact.email', 'user.contact', false], ['user.contact', 'user.contactless', false],
    ['system', 'user.name', false], ['user.name', 'user.name_extra', false],
  ];
  for (const [declared, used, expected] of covers) {
    it(`${declared} ${expected ? 'covers' : 'does not cover'} ${used}`, () => {
      assert.equal(categoryCovers(declared, used), expected);
    });
  }

  it('knows built-in categories and data uses', () => {
    assert.ok(isBuiltinCategory('user.contact.email'));
    assert.ok(!isBuiltinCategory('user.account.domain'));
    assert.ok(isBuiltinDataUse('marketing.communications.email'));
    assert.ok(isBuiltinDataUse('marketing'));
    assert.ok(!isBuiltinDataUse('user.name'));
    assert.ok(!isBuiltinCategory('marketing'));
  });
});

describe('CategoryMatcher', () => {
  const matcher = new CategoryMatcher();

  it('has a large case table', () => {
    assert.ok(POSITIVE.length >= 120, `${POSITIVE.length} positive cases`);
    assert.ok(NEGATIVE.length >= 60, `${NEGATIVE.length} negative cases`);
  });

  describe('personal data', () => {
    for (const c of POSITIVE) it(label(c), () => assert.equal(matcher.match(c[0], c[2]), c[1]));
  });

  describe('not personal data', () => {
    for (const c of NEGATIVE) it(label(c), () => assert.equal(matcher.match(c[0], c[2]), c[1]));
  });

  it('prefers the longest term', () => {
    assert.equal(matcher.match('emailAddress'), 'user.contact.email');
    assert.equal(matcher.match('customerIpAddress'), 'user.device.ip_address');
    assert.equal(matcher.match('billingStreetAddress'), 'user.contact.address.street');
  });

  it('memoizes per context without mixing contexts', () => {
    assert.equal(matcher.match('name'), undefined);
    assert.equal(matcher.match('name', PERSON), 'user.name');
    assert.equal(matcher.match('name'), undefined);
    assert.equal(matcher.match(['name'], PERSON), 'user.name');
    assert.equal(matcher.match('name', { qualifiers: ['customer'] }), 'user.name');
    assert.equal(matcher.match('name', { qualifiers: ['server'] }), undefined);
  });
});

describe('custom categories', () => {
  const domain = customCategory('user.account.domain', "The customer's sending domain", ['domain', 'sendingDomain', 'domainName']);

  it('turns match words into token sequences', () => {
    assert.deepEqual(domain, {
      key: 'user.account.domain', description: "The customer's sending domain",
      terms: ['domain', 'sending domain', 'domain name'], weakTerms: [], exclude: [], custom: true,
    });
  });

  it('matches its words, also as heads of compounds', () => {
    const matcher = new CategoryMatcher([domain]);
    assert.equal(matcher.match('sendingDomain'), 'user.account.domain');
    assert.equal(matcher.match('domainName'), 'user.account.domain');
    assert.equal(matcher.match('customerDomain'), 'user.account.domain');
    assert.equal(matcher.match('domainCount'), undefined);
    assert.equal(matcher.match('userEmail'), 'user.contact.email');
  });

  it('beats built-in categories, even longer built-in terms', () => {
    const workEmail = customCategory('user.contact.work_email', 'A work email address', ['workEmail', 'email']);
    const matcher = new CategoryMatcher([workEmail]);
    assert.equal(matcher.match('userEmail'), 'user.contact.work_email');
    assert.equal(matcher.match('workEmail'), 'user.contact.work_email');
    const mailbox = customCategory('user.contact.mailbox', 'A mailbox address', ['address']);
    assert.equal(new CategoryMatcher([mailbox]).match('emailAddress'), 'user.contact.mailbox');
  });

  it('breaks ties by manifest order and leaves other matchers alone', () => {
    const first = customCategory('user.custom.first', 'First', ['tenantCode']);
    const second = customCategory('user.custom.second', 'Second', ['tenantCode']);
    assert.equal(new CategoryMatcher([first, second]).match('tenantCode'), 'user.custom.first');
    assert.equal(new CategoryMatcher().match('sendingDomain'), undefined);
  });
});
