declare module 'tls-sig-api-v2' {
  namespace TLSSigAPIv2 {
    class Api {
      constructor(sdkappid: number, key: string);
      genSig(userid: string, expire: number, userBuf?: Buffer | null): string;
      genUserSig(userid: string, expire: number): string;
    }
  }
  export = TLSSigAPIv2;
}
