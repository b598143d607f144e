// One UDP port per transport, taken from the configured range. Binding is attempted port by port
// (another process, or another test server, may hold some), starting after the last port handed
// out so closed ports are not reused at once.
import { createSocket, type Socket } from 'node:dgram';

export class UdpPortPool {
  private cursor: number;

  constructor(
    private readonly listenIp: string,
    private readonly minPort: number,
    private readonly maxPort: number,
  ) {
    // Start at a random point so several servers sharing a range rarely collide.
    this.cursor = minPort + Math.floor(Math.random() * (maxPort - minPort + 1));
  }

  async bind(): Promise<Socket> {
    const size = this.maxPort - this.minPort + 1;
    for (let attempt = 0; attempt < size; attempt++) {
      const port = this.minPort + ((this.cursor - this.minPort + attempt) % size);
      const socket = await tryBind(this.listenIp, port);
      if (socket) {
        this.cursor = port + 1 > this.maxPort ? this.minPort : port + 1;
        return socket;
      }
    }
    throw new Error(`no free UDP port in ${this.minPort}-${this.maxPort} on ${this.listenIp}`);
  }
}

function tryBind(address: string, port: number): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket({ type: address.includes(':') ? 'udp6' : 'udp4' });
    const onError = () => {
      socket.close();
      resolve(undefined);
    };
    socket.once('error', onError);
    socket.bind({ port, address, exclusive: true }, () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}
