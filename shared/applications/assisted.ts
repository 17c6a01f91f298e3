/** 帮办代办: applying for another person, shared by the server and the web client. */

/**
 * The kinds of authorisation a person gives someone who applies for them: a written power of
 * attorney (授权委托书), a notarised one, the guardianship of a minor or of an adult without full
 * capacity (监护), or a resident's request recorded by a village or community (村（社区）代办登记).
 */
export const AUTHORISATION_KINDS = ["written", "notarised", "guardian", "community"] as const;
export type AuthorisationKind = (typeof AUTHORISATION_KINDS)[number];

/** The material id under which a scan of the authorisation is uploaded to the application. */
export const AUTHORISATION_SCAN = "authorisation";
