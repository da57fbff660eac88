package io.tfmesh.emulator.introspect;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A throwaway CA with the certificates of a TLS introspect deployment: a server certificate for
 * the node addresses (what {@code SERVER_CERTFILE} holds on a node) and a client certificate
 * for tfmesh, all signed by the CA, as PEM.
 */
public final class IntrospectCertificates {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final KeyPair caKeys;

	private final X509Certificate ca;

	private final KeyPair serverKeys;

	private final X509Certificate server;

	private final KeyPair clientKeys;

	private final X509Certificate client;

	private IntrospectCertificates(String commonName, List<String> serverAddresses) throws GeneralSecurityException {
		this.caKeys = keys();
		X500Name caName = new X500Name("CN=" + commonName + " CA");
		this.ca = sign(caName, caKeys, caName, caKeys, null, true);
		this.serverKeys = keys();
		this.server = sign(new X500Name("CN=" + serverAddresses.get(0)), serverKeys, caName, caKeys, serverAddresses,
				false);
		this.clientKeys = keys();
		this.client = sign(new X500Name("CN=tfmesh"), clientKeys, caName, caKeys, null, false);
	}

	/**
	 * A new CA and its certificates.
	 * @param serverAddresses the IP addresses the introspect servers listen on, named in the
	 * server certificate
	 */
	public static IntrospectCertificates create(String commonName, List<String> serverAddresses) {
		try {
			return new IntrospectCertificates(commonName, serverAddresses);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot create throwaway certificates", ex);
		}
	}

	public String caCertificatePem() {
		return pem(ca);
	}

	public String clientCertificatePem() {
		return pem(client);
	}

	public String clientKeyPem() {
		return pem(clientKeys.getPrivate());
	}

	/**
	 * The introspect servers' side: the server certificate and key, trusting client
	 * certificates of this CA only.
	 */
	public SSLContext serverContext() {
		try {
			KeyStore identity = KeyStore.getInstance("PKCS12");
			identity.load(null, null);
			char[] password = new char[0];
			identity.setKeyEntry("server", serverKeys.getPrivate(), password, new Certificate[] { server, ca });
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(identity, password);
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			trusted.load(null, null);
			trusted.setCertificateEntry("ca", ca);
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), trust.getTrustManagers(), RANDOM);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("cannot build the introspect servers' TLS context", ex);
		}
	}

	private static KeyPair keys() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(256, RANDOM);
		return generator.generateKeyPair();
	}

	private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
			@Nullable List<String> addresses, boolean authority) throws GeneralSecurityException {
		Instant now = Instant.now();
		try {
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
					new BigInteger(64, RANDOM), Date.from(now.minus(Duration.ofMinutes(5))),
					Date.from(now.plus(Duration.ofDays(1))), subject, subjectKeys.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
			if (authority) {
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			}
			if (addresses != null) {
				GeneralName[] names = addresses.stream()
					.map(address -> new GeneralName(GeneralName.iPAddress, address))
					.toArray(GeneralName[]::new);
				builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
			}
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
		}
		catch (OperatorCreationException | IOException ex) {
			throw new GeneralSecurityException(ex);
		}
	}

	private static String pem(Object object) {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			if (object instanceof PrivateKey key) {
				writer.writeObject(new JcaPKCS8Generator(key, null));
			}
			else {
				writer.writeObject(object);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return text.toString();
	}

}
