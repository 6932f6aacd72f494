/** Where reading resumes in a file: the file by inode and content fingerprint, and the byte to read next. */
export interface TailPosition {
  inode: number;
  fingerprint: string;
  offset: number;
}
