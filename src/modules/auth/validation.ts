// The sign-in forms' fields, with GOV.UK error messages.
import { z } from 'zod';

export const MIN_PASSWORD_LENGTH = 12;

const email = z
  .string({ error: 'Enter your email address' })
  .trim()
  .min(1, 'Enter your email address')
  .max(254, 'Email address must be 254 characters or fewer')
  .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' }));

export const signInForm = z.object({
  email,
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1000, 'Password must be 1,000 characters or fewer'),
});

export const emailForm = z.object({ email });

export const newPasswordForm = z
  .object({
    password: z
      .string({ error: 'Enter a new password' })
      .min(1, 'Enter a new password')
      .min(MIN_PASSWORD_LENGTH, `Password must be ${MIN_PASSWORD_LENGTH} characters or more`)
      .max(1000, 'Password must be 1,000 characters or fewer'),
    confirm: z.string({ error: 'Enter the password again' }).min(1, 'Enter the password again'),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The passwords do not match' });
