/** Account import rows whose utility is a name every object has: refused by name, never a crash (found by the fuzz). */
import { describe, expect, it } from 'vitest';
import { readAccountsCsv } from '../../../central/src/import';

const HEADER = 'utility,number,name,service_address,balance,past_due,due_date,status,shut_offs_12m,beyond_shut_off,certified_amount';

describe('an account row whose utility is an inherited object name', () => {
  it.each(['constructor', '__proto__', 'toString', 'valueOf'])('refuses utility %j on its line, naming the field', (utility) => {
    const r = readAccountsCsv(`${HEADER}\n${utility},1000000001,Maria Delgado,1234 NE Alberta St,182.40,0.00,,current,0,false,`);
    expect(r).toEqual({ ok: false, problems: ['line 2: utility: must be one of portsmouth, pwb, wes'] });
  });
});
