/** Portland Water Bureau, from its payment page (seed 000), Account Management Policy (002) and City Code 21.16 (003). */
import { utilityProfileSchema, type UtilityProfile } from './schema';

const policy = { title: 'Portland Water Bureau Account Management Policy', seed: '002' };

export const portlandWaterBureau: UtilityProfile = utilityProfileSchema.parse({
  id: 'pwb',
  name: 'Portland Water Bureau',
  shortName: 'PWB',
  center: {
    name: 'Walk-in Center',
    addressLines: ['664 N. Tillamook St.', 'Portland, OR 97227'],
    phone: '503-823-7770',
    hours: 'Mon-Fri 8am-4pm, except holidays',
    timeZone: 'America/Los_Angeles',
    source: { title: 'Portland Water Bureau payment page', seed: '000' },
  },
  accountNumber: {
    digits: 10,
    display: '##########',
    source: policy,
  },
  tenders: {
    cash: { accepted: true, coinLimit: '5.00', source: policy },
    check: { accepted: true, maxAmount: '99999999.99', source: policy },
    moneyOrder: { accepted: true, source: policy },
    card: { accepted: true, brands: ['Visa', 'Mastercard'], source: policy },
  },
  restoration: {
    once: { basis: 'promise', percent: 50 },
    moreThanOnce: { basis: 'posted', percent: 50 },
    beyondShutOff: { basis: 'posted', percent: 100 },
    source: { title: 'Portland City Code 21.16.040 and PWB Account Management Policy', seed: '003' },
  },
  certified: null,
  finalBilled: { notice: 'Final-billed account: no payment arrangements.', source: policy },
  fees: [{ code: 'returned-payment', label: 'Returned payment fee', amount: '35.00', source: policy }],
  receipt: {
    headerLines: ['City of Portland', 'Portland Water Bureau'],
    footerLines: [
      'Pay by phone: 503-823-7770, press 1.',
      'Thank you.',
    ],
  },
});
