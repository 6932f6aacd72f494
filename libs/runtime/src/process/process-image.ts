/** What an image means to the process runtime: the host command it stands for. */
export interface ProcessImage {
  /** Like the image's ENTRYPOINT: host executable (absolute, or found on the container's PATH) and fixed args. */
  entrypoint?: string[];
  /** Like the image's CMD: used when the container gives neither command nor args. */
  cmd?: string[];
}
