/** City of Portsmouth water and sewer, from its billing information page (seed 004). */
import { utilityProfileSchema, type UtilityProfile } from './schema';

const billing = { title: 'City of Portsmouth Water/Sewer Billing Information', seed: '004' };

export const portsmouth: UtilityProfile = utilityProfileSchema.parse({
  id: 'portsmouth',
  name: 'City of Portsmouth Water & Sewer',
  shortName: 'Portsmouth',
  center: {
    name: 'Billing Office',
    addressLines: ['City Hall, 1 Junkins Ave, Room 304', 'Portsmouth, NH 03801'],
    phone: '(603) 610-7248',
    hours: 'Mon 8-6, Tue-Thu 8-4:30, Fri 8-1',
    timeZone: 'America/New_York',
    source: billing,
  },
  accountNumber: { digits: 12, display: '##########-##', source: billing },
  tenders: {
    cash: { accepted: true, coinLimit: null, source: billing },
    check: { accepted: true, maxAmount: '99999999.99', source: billing },
    moneyOrder: { accepted: true, source: billing },
    card: { accepted: true, brands: ['American Express', 'Discover', 'Mastercard'], source: billing },
  },
  fees: [{ code: 'final-bill', label: 'Final bill charge', amount: '40.00', source: billing }],
  restoration: null,
  certified: null,
  finalBilled: { notice: 'Final-billed account: no payment arrangements.', source: billing },
  receipt: {
    headerLines: ['City of Portsmouth', 'Water & Sewer'],
    footerLines: ['Bills are payable on receipt; 1.5% a month after 30 days.', 'Thank you.'],
    // Not from Portsmouth's pages: this demo profile keeps a drawer copy of every receipt, to show the setting.
    drawerCopy: true,
  },
});
