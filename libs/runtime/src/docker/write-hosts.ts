import { writeFile } from 'node:fs/promises';

/** The kubelet's managed /etc/hosts: Docker knows no pod IP for a sandbox it did not attach to a network. */
export async function writeHosts(path: string, ip: string, hostname: string): Promise<void> {
  const lines = [
    '# Kubernetes-managed hosts file.',
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'fe00::0\tip6-mcastprefix',
    'fe00::1\tip6-allnodes',
    'fe00::2\tip6-allrouters',
    `${ip}\t${hostname}`,
  ];
  await writeFile(path, `${lines.join('\n')}\n`);
}
