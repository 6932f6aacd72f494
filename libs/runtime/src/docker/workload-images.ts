/** The images docker/build-images.sh builds and pushes to the local registry. */
export const WorkloadImages = {
  busybox: 'localhost:5000/busybox:1.36',
  pause: 'localhost:5000/pause:3.10',
  microservice: { v1: 'localhost:5000/microservice:1.0', v2: 'localhost:5000/microservice:2.0' },
} as const;
