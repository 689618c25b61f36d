// The signed-in citizen as this module's use cases see them (from citizens/citizen-session.ts).
export interface Citizen {
  citizenId: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  /** 'otp' or the identity provider's acr */
  assurance: string;
}

export const citizenUploader = (c: Pick<Citizen, 'citizenId'>) => `citizen:${c.citizenId}`;
