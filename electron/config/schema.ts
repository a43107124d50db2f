import { z } from 'zod';
import { CURRENCIES, DEFAULT_CURRENCY } from '../checkout/currency';
import { LANGS } from '../checkout/lang';

/**
 * The kiosk configuration. Every field has a default, so an empty file (or none: demo mode)
 * is valid. A bad value stops start-up with a message naming the field.
 */
const lang = z.enum(LANGS);
/** Serial line speeds (bits per second) a scanner or printer may use. */
export const BAUD_RATES = [1200, 2400, 4800, 9600, 14400, 19200, 38400, 57600, 115200, 230400] as const;
const baudRate = (d: number) =>
  z
    .number()
    .refine((n) => (BAUD_RATES as readonly number[]).includes(n), { message: `must be one of ${BAUD_RATES.join(', ')}` })
    .default(d);
/** An absolute http:// or https:// URL. */
const httpUrl = () => z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' });

export const scannerSchema = z
  .object({
    /** serial: a serial port; wedge: keyboard-wedge only; none: no scanner configured. */
    kind: z.enum(['serial', 'wedge', 'none']).default('wedge'),
    path: z.string().min(1).optional(),
    baudRate: baudRate(9600),
    framing: z
      .union([
        z.object({ kind: z.literal('suffix'), suffix: z.enum(['CR', 'LF', 'CRLF', 'TAB']) }).strict(),
        z.object({ kind: z.literal('silence'), gapMs: z.number().int().min(5).max(1000) }).strict(),
      ])
      .default({ kind: 'suffix', suffix: 'CRLF' }),
    /** The scanner sends an AIM symbology identifier (]E0 ...) before each code. */
    aimPrefix: z.boolean().default(false),
    /** An identical scan within this window is ignored (ms). */
    debounceMs: z.number().int().min(0).max(10_000).default(1000),
    maxFrameLength: z.number().int().min(8).max(4096).default(128),
  })
  .strict()
  .refine((s) => s.kind !== 'serial' || !!s.path, { message: 'scanner.path is required when scanner.kind is "serial"', path: ['path'] });

/** A retail scale on a serial port (NCI protocol); see electron/devices/scale/README.md. */
export const scaleSchema = z
  .object({
    /**
     * serial: a scale on `path`; virtual: the built-in scale simulator (a sandbox: the default in
     * demo mode and with "sandboxes": true); none: no scale (weighed look-ups unavailable; the
     * default in store mode).
     */
    kind: z.enum(['serial', 'virtual', 'none']).optional(),
    path: z.string().min(1).max(256).optional(),
    protocol: z.enum(['nci']).default('nci'),
    baudRate: baudRate(9600),
    dataBits: z.union([z.literal(7), z.literal(8)]).default(7),
    parity: z.enum(['even', 'odd', 'none']).default('even'),
    /** Largest weight the scale may sell (its capacity), grams. */
    capacityGrams: z.number().int().min(100).max(100_000).default(15_000),
    /** Smallest net weight sold, grams. */
    minGrams: z.number().int().min(1).max(10_000).default(20),
    /** A container's weight the store has on the scale (bag or tray), subtracted before pricing, grams. */
    tareGrams: z.number().int().min(0).max(5_000).default(0),
    /** How long a weight request waits for the answer, ms. */
    responseTimeoutMs: z.number().int().min(50).max(10_000).default(1000),
  })
  .strict()
  .refine((s) => s.kind !== 'serial' || !!s.path, { message: 'scale.path is required when scale.kind is "serial"', path: ['path'] })
  .refine((s) => s.tareGrams + s.minGrams <= s.capacityGrams, { message: 'scale.tareGrams + scale.minGrams must not exceed scale.capacityGrams', path: ['tareGrams'] });

export const SCALE_DEFAULTS = { protocol: 'nci', baudRate: 9600, dataBits: 7, parity: 'even', capacityGrams: 15_000, minGrams: 20, tareGrams: 0, responseTimeoutMs: 1000 } as const;

export const weightRuleSchema = z
  .object({ pattern: z.string().regex(/^[0-9IWPCV[\]-]+$/), measure: z.enum(['weight', 'price']), name: z.string().optional() })
  .strict();

export const configSchema = z
  .object({
    store: z
      .object({
        name: z.string().min(1).default('Kassa Demo Market'),
        address: z.array(z.string()).default(['Narva mnt 7', '10117 Tallinn']),
        registrationNo: z.string().optional(),
        vatNo: z.string().optional(),
        kioskId: z.string().min(1).max(32).default('K01'),
        timeZone: z.string().default('Europe/Tallinn'),
        /** Cash-style rounding step in cents for terminal payments (1 = none, 5 = to 5 cents). */
        cashRoundingCents: z.number().int().min(1).max(100).default(1),
        /** The store's currency (ISO 4217): amounts on screen, receipts, SWiP, Smarts. */
        currency: z.enum(CURRENCIES).default(DEFAULT_CURRENCY),
      })
      .strict()
      .default({ name: 'Kassa Demo Market', address: ['Narva mnt 7', '10117 Tallinn'], kioskId: 'K01', timeZone: 'Europe/Tallinn', cashRoundingCents: 1, currency: DEFAULT_CURRENCY }),
    languages: z
      /** `staff`: the staff console's and PIN pad's language, whatever the customer chose (unset: the customer's). */
      .object({ default: lang.default('et'), available: z.array(lang).min(1).default([...LANGS]), staff: lang.optional() })
      .strict()
      .default({ default: 'et', available: [...LANGS] }),
    catalog: z.object({ importOnStart: z.string().optional() }).strict().default({}),
    scanner: scannerSchema.default({ kind: 'wedge', baudRate: 9600, framing: { kind: 'suffix', suffix: 'CRLF' }, aimPrefix: false, debounceMs: 1000, maxFrameLength: 128 }),
    scale: scaleSchema.default(SCALE_DEFAULTS),
    barcodeRules: z.array(weightRuleSchema).optional(),
    idle: z
      .object({
        idleMs: z.number().int().min(5_000).default(120_000),
        promptMs: z.number().int().min(3_000).default(30_000),
        doneMs: z.number().int().min(2_000).default(10_000),
      })
      .strict()
      .default({ idleMs: 120_000, promptMs: 30_000, doneMs: 10_000 }),
    web: z.object({ host: z.string().default('127.0.0.1'), port: z.number().int().min(0).max(65535).default(5173) }).strict().default({ host: '127.0.0.1', port: 5173 }),
    /**
     * The attendant console (electron/store/console) of a one-kiosk shop or the demo: `enabled`
     * (default true), served on `host`:`port` (default loopback and any free port, printed at start; set a port, e.g. 5180, for a fixed address);
     * `remoteAgeCheck` lets attendants approve an age from the console (off: staff must see the
     * customer); `idleMs`: an attendant is signed out after this long without an action.
     */
    attendant: z
      .object({
        enabled: z.boolean().default(true),
        host: z.string().min(1).max(255).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(0),
        remoteAgeCheck: z.boolean().default(false),
        idleMs: z.number().int().min(30_000).max(3_600_000).default(300_000),
      })
      .strict()
      .default({ enabled: true, host: '127.0.0.1', port: 0, remoteAgeCheck: false, idleMs: 300_000 }),
    /** SWiP POS API. Without baseUrl the kiosk runs the local SWiP sandbox (demo). The token is a secret: env KASSA_SWIP_TOKEN. */
    swip: z
      .object({
        baseUrl: httpUrl().optional(),
        token: z.string().min(8).optional(),
        merchantId: z.string().min(1).optional(),
        storeId: z.string().min(1).optional(),
        cashId: z.string().min(1).optional(),
        timeoutMs: z.number().int().min(500).max(60_000).default(8000),
        /** Status poll interval (ms). 500: p50 paid → thank-you ≈ 250 ms + one GET + the close, at 2 requests/s (npm run bench). */
        pollMs: z.number().int().min(200).max(10_000).default(500),
        paymentTimeoutMs: z.number().int().min(10_000).max(600_000).default(90_000),
        /** The kiosk cancels this long before SWiP's own 1.5-minute expiry (ms), so the two never race. */
        cancelMarginMs: z.number().int().min(1000).max(30_000).default(5000),
        /** `posType` sent on create (required by the document; default "KASSA", the POS software). */
        posType: z.string().min(1).max(64).optional(),
        /** Demo sandbox: the address the wallet link in the QR uses (a LAN address lets a phone pay). */
        sandboxPublicHost: z.string().optional(),
      })
      .strict()
      .default({ timeoutMs: 8000, pollMs: 500, paymentTimeoutMs: 90_000, cancelMarginMs: 5000 }),
    /**
     * Card terminal. kind: "nexo" (a nexo Retailer / Adyen Terminal API terminal), "sandbox" (a
     * terminal object that approves by itself, for tests and staging), "none". Demo mode defaults
     * to "nexo" on the local terminal simulator (the customer plays its page); a store must set it.
     * nexo: `url` (local https://<terminal>:8443/nexo, or the cloud endpoint) and `poiId` are
     * required (without a url, demo mode and "sandboxes": true run the local terminal simulator);
     * the API key is a secret: env KASSA_TERMINAL_API_KEY.
     */
    terminal: z
      .object({
        kind: z.enum(['nexo', 'sandbox', 'none']).optional(),
        /**
         * Simulated terminals approve by themselves after this long (null: only the simulator's
         * page or tests act). Default: the "sandbox" kind 2500 ms; the nexo simulator null.
         */
        autoApproveMs: z.number().int().min(0).nullable().optional(),
        url: z.string().url().optional(),
        poiId: z.string().min(1).max(64).optional(),
        /** The kiosk's SaleID at the terminal; default store.kioskId. */
        saleId: z.string().min(1).max(64).optional(),
        /** Default: the store's currency. */
        currency: z.string().regex(/^[A-Z]{3}$/).optional(),
        apiKey: z.string().min(8).optional(),
        /**
         * Local message protection (NexoBlob + SecurityTrailer) with the shared key set up for the
         * terminal: its identifier and version; the passphrase is a secret (env
         * KASSA_TERMINAL_KEY_PASSPHRASE, printable ASCII). All three or none.
         */
        keyIdentifier: z.string().min(1).max(64).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').optional(),
        keyVersion: z.number().int().min(0).max(2_147_483_647).optional(),
        keyPassphrase: z.string().min(8).max(256).regex(/^[\x20-\x7e]+$/, 'printable ASCII').optional(),
        /**
         * Demo and staging: the host name or IP under which a phone reaches the terminal
         * simulator's page (it then listens on all interfaces). Default: loopback only.
         */
        simulatorPublicHost: z.string().min(1).max(253).regex(/^[A-Za-z0-9.:-]+$/, 'a host name or IP address').optional(),
        /** PEM file of the CA that signed the terminal's certificate (local HTTPS). */
        caFile: z.string().min(1).optional(),
        /** How long the kiosk waits for the answer to a payment (the customer at the terminal), ms. */
        paymentTimeoutMs: z.number().int().min(10_000).max(600_000).default(150_000),
        /** Timeout of every other Terminal API request, ms. */
        requestTimeoutMs: z.number().int().min(500).max(60_000).default(10_000),
        /** TransactionStatus back-off after a lost answer: first wait and cap, ms. */
        statusInitialMs: z.number().int().min(100).max(10_000).default(1000),
        statusMaxMs: z.number().int().min(500).max(60_000).default(8000),
        /** Diagnosis (Devices tab) interval, ms. */
        diagnosisMs: z.number().int().min(5000).max(600_000).default(30_000),
      })
      .strict()
      .default({ paymentTimeoutMs: 150_000, requestTimeoutMs: 10_000, statusInitialMs: 1000, statusMaxMs: 8000, diagnosisMs: 30_000 }),
    printer: z
      .object({
        /**
         * serial: ESC/POS on a serial port; virtual: the built-in virtual printer (a sandbox: demo mode,
         * or store mode with "sandboxes": true, where it is the default); none: no printer (digital receipt).
         * Store mode without sandboxes must name it.
         */
        kind: z.enum(['serial', 'virtual', 'none']).optional(),
        path: z.string().min(1).optional(),
        baudRate: baudRate(19200),
        rtscts: z.boolean().default(false),
        profile: z.string().min(1).default('epson-tm-t20iii'),
        statusPollMs: z.number().int().min(500).max(60_000).default(5000),
        /** A link to show as a QR when paper fails: {orderRef} is replaced. */
        digitalReceiptUrl: z.string().optional(),
        footer: z.array(z.string()).default(['Thank you for shopping with us!']),
      })
      .strict()
      .refine((s) => s.kind !== 'serial' || !!s.path, { message: 'printer.path is required when printer.kind is "serial"', path: ['path'] })
      .default({ baudRate: 19200, rtscts: false, profile: 'epson-tm-t20iii', statusPollMs: 5000, footer: ['Thank you for shopping with us!'] }),
    /**
     * The kiosk's digital receipt page (`<base>/r/<token>`, served by the browser host): the base a
     * phone on the shop's Wi-Fi can reach (default: the browser host's own address) and how long a
     * link works (default 7 days). `printer.digitalReceiptUrl`, when set, is used instead.
     */
    receipts: z
      .object({
        publicBaseUrl: httpUrl().optional(),
        linkTtlMs: z.number().int().min(60_000).max(90 * 86_400_000).default(7 * 86_400_000),
      })
      .strict()
      .default({ linkTtlMs: 7 * 86_400_000 }),
    /** Smarts: the merchant node (inbound) and the gateway (outbound). Tokens: env KASSA_SMARTS_NODE_TOKEN, KASSA_SMARTS_GATEWAY_TOKEN. */
    smarts: z
      .object({
        enabled: z.boolean().default(true),
        nodeHost: z.string().default('127.0.0.1'),
        nodePort: z.number().int().min(0).max(65535).default(0),
        nodeToken: z.string().min(16).optional(),
        gatewayUrl: httpUrl().optional(),
        gatewayToken: z.string().min(8).optional(),
        resultPath: z.string().startsWith('/').default('/v1/control/result'),
        resendPath: z.string().startsWith('/').default('/v1/control/resend'),
        /** Pickup order status updates to Smarts (path not in the reference; inferred). */
        pickupStatusPath: z.string().startsWith('/').default('/v1/pickup/order/status'),
        institutionId: z.string().default('demo-store'),
        /** HTTPS for the merchant node: PEM certificate (chain) and key files. Without it the node speaks HTTP (loopback or behind a TLS proxy). */
        tls: z.object({ certFile: z.string().min(1), keyFile: z.string().min(1) }).strict().optional(),
        /** Per-client (IP) rate limit of the merchant node; defaults 1200 requests per 60 s. */
        rateLimit: z.object({ max: z.number().int().min(1).max(1_000_000), windowMs: z.number().int().min(1000).max(3_600_000) }).strict().optional(),
        /** Per-client (IP) limit of name search (~20 ms of the kiosk's main thread each): sustained per second and at once; defaults 10 and 20. */
        nameSearchLimit: z.object({ perSecond: z.number().min(0.1).max(1000), burst: z.number().int().min(1).max(10_000) }).strict().optional(),
        /** Node paths Smarts calls; undocumented ones are guesses (defaults in electron/smarts/paths.ts). */
        paths: z.object(Object.fromEntries(['productSearch', 'barcodeSearch', 'nameSearch', 'categorySearch', 'receipt', 'receiptConfirm', 'loyaltyRegistration', 'loyaltyBonus', 'pickupOrder', 'pickupOrderUpdate'].map((k) => [k, z.string().regex(/^\/[A-Za-z0-9/_-]{0,200}$/).optional()]))).strict().optional(),
        /** Product image link for Smarts, "{sku}" / "{barcode}" replaced; none by default. */
        imageUrlTemplate: z.string().url().max(500).optional(),
        /** institutionInvoiceId prefix of Smarts receipts (the number comes from the journal). */
        invoicePrefix: z.string().regex(/^[A-Za-z0-9-]{0,16}$/).default('SM-'),
        /** A store discount on Smarts receipts: percent (basis points) from a basket total. */
        receiptDiscount: z.object({ description: z.string().min(1).max(80), percentBp: z.number().int().min(1).max(10_000), minTotalCents: z.number().int().min(0).default(0) }).strict().optional(),
        /** Purchase-check statuses sent besides the verdict: PENDING when a supervisor opens a check, EXIPRED when it expires (both default true). */
        results: z.object({ sendPending: z.boolean().optional(), sendExpired: z.boolean().optional() }).strict().optional(),
      })
      .strict()
      .default({ enabled: true, nodeHost: '127.0.0.1', nodePort: 0, resultPath: '/v1/control/result', resendPath: '/v1/control/resend', pickupStatusPath: '/v1/pickup/order/status', institutionId: 'demo-store', invoicePrefix: 'SM-' }),
    /** The store's loyalty programme (electron/loyalty): points per full euro paid; cards issued at start (demo). */
    loyalty: z
      .object({
        enabled: z.boolean().default(true),
        pointsPerEuro: z.number().int().min(0).max(1000).default(1),
        issueCards: z.array(z.string().regex(/^\d{6,20}$/)).max(100).default([]),
      })
      .strict()
      .default({ enabled: true, pointsPerEuro: 1, issueCards: [] }),
    /**
     * "demo" keeps demo mode with a configuration file (sandboxes, demo catalog, scan panel, demo
     * supervisor) while the file sets timeouts, languages and rules; any other file means store mode.
     */
    mode: z.enum(['demo', 'store']).optional(),
    /** Use the local SWiP and Smarts sandboxes instead of the real services (always on in demo mode). */
    /**
     * InPost Pay (PLN stores only). Without apiUrl, demo mode and "sandboxes": true run the local
     * InPost simulator; a store names apiUrl, tokenUrl, clientId and clientSecret (a secret: env
     * KASSA_INPOST_CLIENT_SECRET). Offered when enabled (default: a PLN store in demo mode, or a
     * configured apiUrl) and store.currency is PLN.
     */
    inpost: z
      .object({
        enabled: z.boolean().optional(),
        apiUrl: httpUrl().optional(),
        tokenUrl: httpUrl().optional(),
        clientId: z.string().min(1).max(200).optional(),
        clientSecret: z.string().min(8).max(500).optional(),
        /** How long a basket pushed to InPost lives (ms). */
        basketTtlMs: z.number().int().min(60_000).max(3_600_000).default(900_000),
        /** How long the kiosk waits for the customer to bind, order and pay in the app (ms). */
        waitMs: z.number().int().min(30_000).max(1_800_000).default(300_000),
        /** Promo codes the store honours in the app: percentBp off the basket (1000 = 10 %). */
        promoCodes: z.array(z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{2,32}$/), description: z.string().min(1).max(100), percentBp: z.number().int().min(1).max(10_000) }).strict()).max(50).default([]),
      })
      .strict()
      .default({ basketTtlMs: 900_000, waitMs: 300_000, promoCodes: [] }),
    sandboxes: z.boolean().default(false),
    /**
     * The store bus (electron/store): NATS JetStream of a store with several kiosks. Absent: a
     * one-kiosk shop on the in-process bus (the kiosk runs its own merchant node). The lane id is
     * store.kioskId. The password is a secret: env KASSA_NATS_PASSWORD.
     */
    storeBus: z
      .object({
        storeId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, "-" or "_" (1–32)'),
        natsUrl: z.array(z.string().regex(/^(nats|tls):\/\/[A-Za-z0-9.:[\]-]{1,253}$/, 'nats://host:port or tls://host:port (no credentials in the URL)')).min(1).max(8),
        user: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
        password: z.string().min(8).max(256).optional(),
        /**
         * Instead of a password: a file holding this client's user nkey seed (`npm run store:nkey`),
         * readable by its owner only (0600). The server lists the public key. The seed is a secret.
         */
        nkeySeedFile: z.string().min(1).max(4096).optional(),
        /**
         * TLS to the store's nats-server (URLs `tls://…`): `caFile` (PEM) verifies the server; a client
         * certificate (`certFile` + `keyFile`, PEM) when the server asks for one (`verify`).
         */
        tls: z
          .object({ caFile: z.string().min(1).max(4096), certFile: z.string().min(1).max(4096).optional(), keyFile: z.string().min(1).max(4096).optional() })
          .strict()
          .refine((t) => !t.certFile === !t.keyFile, { message: 'certFile and keyFile go together', path: ['certFile'] })
          .optional(),
        /** The kiosk puts its lane snapshot this often even when nothing changed, ms. */
        heartbeatMs: z.number().int().min(500).max(60_000).default(5000),
        /** The store node shows a lane offline after this long without a heartbeat, ms. */
        offlineAfterMs: z.number().int().min(1000).max(600_000).default(15_000),
        /** How long a request (remote action, Smarts verdict) waits for its answer, ms. */
        requestTimeoutMs: z.number().int().min(200).max(30_000).default(3000),
        /** Store node: the catalog (.json or .csv) it publishes to the kiosks at start and whenever the file changes. */
        catalogFile: z.string().min(1).max(4096).optional(),
        /** Store node: store-wide settings (JSON, see electron/store/store-settings.ts) published to the kiosks; applied at their next start. */
        settingsFile: z.string().min(1).max(4096).optional(),
        /** The largest catalog file published (store node) or accepted (kiosk), bytes. */
        catalogMaxBytes: z.number().int().min(1024).max(1024 * 1024 * 1024).default(64 * 1024 * 1024),
        /** Kiosk: re-reads the announced catalog version this often besides the store node's notification, ms. */
        catalogCheckMs: z.number().int().min(200).max(600_000).default(30_000),
      })
      .strict()
      .refine((b) => !b.tls || b.natsUrl.every((u) => u.startsWith('tls://')), { message: 'with storeBus.tls every URL is tls://host:port', path: ['natsUrl'] })
      .refine((b) => !(b.password && b.nkeySeedFile), { message: 'a password or an nkey seed file, not both', path: ['nkeySeedFile'] })
      .optional(),
    /** Purchase-control rules (see README): validated by electron/checkout/purchase-control. */
    purchaseControl: z.unknown().optional(),
    /** Supervisors from configuration: badge, name and a scrypt PIN hash (`npm run supervisor -- hash --pin …`). */
    supervisors: z.array(z.unknown()).default([]),
  })
  .strict();

export type KassaConfigInput = z.input<typeof configSchema>;
export type KassaConfig = z.output<typeof configSchema>;
