package io.tfmesh.sandbox;

import io.tfmesh.emulator.introspect.IntrospectCertificates;
import org.jspecify.annotations.Nullable;

/**
 * The throwaway certificates of an emulated cluster's HTTPS introspect, made when it was turned
 * on, for registering the cluster with them; all null while introspect is plain HTTP.
 */
public record IntrospectTlsView(boolean enabled, @Nullable String caCertificate, @Nullable String clientCertificate,
		@Nullable String clientKey) {

	static IntrospectTlsView of(@Nullable IntrospectCertificates certificates) {
		if (certificates == null) {
			return new IntrospectTlsView(false, null, null, null);
		}
		return new IntrospectTlsView(true, certificates.caCertificatePem(), certificates.clientCertificatePem(),
				certificates.clientKeyPem());
	}

}
