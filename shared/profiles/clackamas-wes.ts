/** Clackamas Water Environment Services, from its online payments and certification pages (seed 001). */
import { utilityProfileSchema, type UtilityProfile } from './schema';

const payments = { title: 'Clackamas WES Online Utility Bill Payments', seed: '001' };
const certification = { title: 'Clackamas WES Certification FAQ (ORS 454.225)', seed: '001' };

export const clackamasWes: UtilityProfile = utilityProfileSchema.parse({
  id: 'wes',
  name: 'Clackamas Water Environment Services',
  shortName: 'WES',
  center: {
    name: 'Lobby',
    addressLines: ['150 Beavercreek Road', 'Oregon City, OR 97045'],
    phone: '503-742-4567',
    hours: 'Lobby hours; after-hours drop box',
    timeZone: 'America/Los_Angeles',
    source: payments,
  },
  // WES does not publish its account-number length; the demo billing system uses 9 digits.
  accountNumber: { digits: 9, display: '#########', source: { title: 'Station setting (not published by WES)' } },
  tenders: {
    cash: { accepted: true, coinLimit: null, source: payments },
    check: { accepted: true, maxAmount: '99999999.99', source: payments },
    moneyOrder: { accepted: true, source: payments },
    card: { accepted: true, brands: ['Visa', 'Mastercard', 'Discover'], source: payments },
  },
  fees: [{ code: 'certification', label: 'Certification processing fee', amount: '50.00', source: certification }],
  restoration: null,
  certified: {
    payTo: 'Clackamas County Tax Collector',
    cashierNotice:
      'The certified charges go on the property tax bill and must be paid to the Clackamas County Tax Collector. This payment applies to current charges or stays as a credit.',
    receiptNotice:
      'Certified charges are not paid by this payment: pay them to the Clackamas County Tax Collector. This payment applies to current charges or stays as a credit.',
    source: certification,
  },
  finalBilled: { notice: 'Final-billed account: no payment arrangements.', source: payments },
  receipt: {
    headerLines: ['Clackamas Water Environment Services'],
    footerLines: ['Questions: 503-742-4567', 'Thank you.'],
  },
});
