package io.tfmesh.fabric;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

/**
 * Certificates and keys in PEM, as TF's deployments keep them ({@code /etc/contrail/ssl}), read
 * with the JDK alone. Keys are PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 RSA
 * ({@code BEGIN RSA PRIVATE KEY}); encrypted keys are refused.
 */
public final class TlsMaterial {

	private static final Pattern BLOCK = Pattern
		.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

	// AlgorithmIdentifier of rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters
	private static final byte[] RSA_ALGORITHM = { 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
			(byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };

	private TlsMaterial() {
	}

	/**
	 * Every certificate of a PEM text, in order.
	 * @throws InvalidPemException when it holds no certificate or one that cannot be read
	 */
	public static List<X509Certificate> certificates(String pem) {
		List<X509Certificate> certificates = new ArrayList<>();
		for (Block block : blocks(pem)) {
			if (!block.type().equals("CERTIFICATE")) {
				continue;
			}
			try {
				Certificate certificate = CertificateFactory.getInstance("X.509")
					.generateCertificate(new ByteArrayInputStream(block.der()));
				certificates.add((X509Certificate) certificate);
			}
			catch (CertificateException ex) {
				throw new InvalidPemException("a CERTIFICATE block is not an X.509 certificate", ex);
			}
		}
		if (certificates.isEmpty()) {
			throw new InvalidPemException("no '-----BEGIN CERTIFICATE-----' block");
		}
		return certificates;
	}

	/**
	 * The private key of a PEM text.
	 * @throws InvalidPemException when it holds no readable unencrypted RSA, EC or EdDSA key
	 */
	public static PrivateKey privateKey(String pem) {
		for (Block block : blocks(pem)) {
			switch (block.type()) {
				case "PRIVATE KEY":
					return pkcs8(block.der());
				case "RSA PRIVATE KEY":
					return pkcs8(rsaPkcs8(block.der()));
				case "ENCRYPTED PRIVATE KEY":
					throw new InvalidPemException("the private key is encrypted; give it without a passphrase");
				case "EC PRIVATE KEY":
					throw new InvalidPemException(
							"an 'EC PRIVATE KEY' must be given as PKCS#8 ('openssl pkcs8 -topk8 -nocrypt')");
				default:
					break;
			}
		}
		throw new InvalidPemException("no '-----BEGIN PRIVATE KEY-----' or '-----BEGIN RSA PRIVATE KEY-----' block");
	}

	/**
	 * A TLS client context: it trusts the CA's certificates (the JDK's when there is none) and
	 * presents the client certificate with its key, when both are given.
	 * @throws InvalidPemException when a PEM cannot be read or the key does not fit the certificate
	 */
	public static SSLContext clientContext(@Nullable String caCertificate, @Nullable String clientCertificate,
			@Nullable String clientKey) {
		try {
			TrustManager[] trust = null;
			if (caCertificate != null) {
				KeyStore store = emptyStore();
				int i = 0;
				for (X509Certificate certificate : certificates(caCertificate)) {
					store.setCertificateEntry("ca-" + i++, certificate);
				}
				TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				factory.init(store);
				trust = factory.getTrustManagers();
			}
			KeyManager[] keys = null;
			if (clientCertificate != null && clientKey != null) {
				KeyStore store = emptyStore();
				char[] password = new char[0];
				store.setKeyEntry("client", privateKey(clientKey), password,
						certificates(clientCertificate).toArray(Certificate[]::new));
				KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				factory.init(store, password);
				keys = factory.getKeyManagers();
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys, trust, new SecureRandom());
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new InvalidPemException("the certificates and key cannot be used together: " + ex.getMessage(), ex);
		}
	}

	private static KeyStore emptyStore() throws GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try {
			store.load(null, null);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		return store;
	}

	private static PrivateKey pkcs8(byte[] der) {
		PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
		for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(spec);
			}
			catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException ex) {
				// not this algorithm; try the next
			}
		}
		throw new InvalidPemException("the private key is not an RSA, EC or EdDSA key in PKCS#8");
	}

	/** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo. */
	private static byte[] rsaPkcs8(byte[] pkcs1) {
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		content.writeBytes(new byte[] { 0x02, 0x01, 0x00 });
		content.writeBytes(RSA_ALGORITHM);
		content.writeBytes(derHeader(0x04, pkcs1.length));
		content.writeBytes(pkcs1);
		ByteArrayOutputStream info = new ByteArrayOutputStream();
		info.writeBytes(derHeader(0x30, content.size()));
		info.writeBytes(content.toByteArray());
		return info.toByteArray();
	}

	private static byte[] derHeader(int tag, int length) {
		if (length < 0x80) {
			return new byte[] { (byte) tag, (byte) length };
		}
		int bytes = (length > 0xffffff) ? 4 : (length > 0xffff) ? 3 : (length > 0xff) ? 2 : 1;
		byte[] header = new byte[2 + bytes];
		header[0] = (byte) tag;
		header[1] = (byte) (0x80 | bytes);
		for (int i = 0; i < bytes; i++) {
			header[2 + i] = (byte) (length >>> (8 * (bytes - 1 - i)));
		}
		return header;
	}

	private static List<Block> blocks(String pem) {
		List<Block> blocks = new ArrayList<>();
		Matcher matcher = BLOCK.matcher(pem);
		while (matcher.find()) {
			try {
				blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder()
					.decode(matcher.group(2).replaceAll("\\s", "").getBytes(StandardCharsets.US_ASCII))));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidPemException("a " + matcher.group(1) + " block is not Base64", ex);
			}
		}
		return blocks;
	}

	private record Block(String type, byte[] der) {
	}

	/** A PEM text that does not hold what it should. */
	public static class InvalidPemException extends IllegalArgumentException {

		InvalidPemException(String message) {
			super(message);
		}

		InvalidPemException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
