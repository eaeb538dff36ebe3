// Where summary emails go: SES v2 in AWS, an outbox folder of .eml files locally.
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per (month, scope, recipient): a transport may use it to name or dedupe the message. */
  key: string;
  /** The Date header: the tracker's clock, not the transport's (TRACKER_NOW locally). */
  date?: Date;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  /** Closes the transport's connections (SMTP's pool) once a run is done. */
  close?(): Promise<void>;
}
