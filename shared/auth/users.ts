/** People at the counter and the demo users a new station starts with (listed in README). */
import { z } from 'zod';

export const roleSchema = z.enum(['cashier', 'supervisor', 'dropbox']);
export type Role = z.infer<typeof roleSchema>;

export const signInSchema = z.object({
  user: z.string().trim().min(1, { message: 'User: enter your user name' }),
  pin: z.string().regex(/^[0-9]{4,8}$/, { message: 'PIN: enter your 4 to 8 digit PIN' }),
});
export type SignIn = z.infer<typeof signInSchema>;

export const demoUsers: ReadonlyArray<{ name: string; displayName: string; role: Role; pin: string }> = [
  { name: 'cashier1', displayName: 'Cashier One', role: 'cashier', pin: '1111' },
  { name: 'cashier2', displayName: 'Cashier Two', role: 'cashier', pin: '2222' },
  { name: 'supervisor1', displayName: 'Supervisor One', role: 'supervisor', pin: '9999' },
  { name: 'dropbox1', displayName: 'Drop-box Clerk', role: 'dropbox', pin: '3333' },
];
