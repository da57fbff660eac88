package io.tfmesh.inventory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.tfmesh.fabric.TlsMaterial;
import io.tfmesh.system.error.FieldProblem;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Checks of a cluster that need more than one field, or the stored state: run after the
 * per-field constraints passed.
 */
final class ClusterRules {

	/** Kubernetes label names: an optional DNS-subdomain prefix and '/', then a name segment. */
	private static final Pattern LABEL_KEY = Pattern.compile(
			"([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

	private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

	private ClusterRules() {
	}

	/**
	 * @param stored the cluster's current secrets, or null when it is being created
	 */
	static List<FieldProblem> check(ClusterRequest request, Cluster.@Nullable Secrets stored) {
		List<FieldProblem> problems = new ArrayList<>();
		if (request.kubernetes() != null && request.kubernetes().auth() != null) {
			checkKubernetes(request.kubernetes(), stored, problems);
		}
		if (request.tungstenFabric() != null) {
			checkTf(request.tungstenFabric(), stored, problems);
		}
		if (request.introspect() != null && !request.introspect().clears()) {
			checkIntrospect(request.introspect(), stored, problems);
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < request.controlNodes().size(); i++) {
			if (request.controlNodes().get(i) != null && !seen.add(request.controlNodes().get(i))) {
				problems.add(new FieldProblem("controlNodes[" + i + "]",
						request.controlNodes().get(i) + " is listed more than once"));
			}
		}
		for (Map.Entry<String, String> label : request.labels().entrySet()) {
			String key = label.getKey();
			if (key == null || key.length() > 317 || !LABEL_KEY.matcher(key).matches()) {
				problems.add(new FieldProblem("labels", "'" + key + "' is not a Kubernetes label name"));
			}
			else if (label.getValue() == null) {
				problems.add(new FieldProblem("labels." + key, "must not be null; use \"\" for an empty value"));
			}
			else if (!LABEL_VALUE.matcher(label.getValue()).matches()) {
				problems.add(new FieldProblem("labels." + key, "'" + label.getValue()
						+ "' is not a label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"));
			}
		}
		return problems;
	}

	private static void checkKubernetes(ClusterRequest.KubernetesAccess kubernetes, Cluster.@Nullable Secrets stored,
			List<FieldProblem> problems) {
		if (kubernetes.auth() == KubernetesAuth.KUBECONFIG) {
			if (kubernetes.kubeconfig() == null && (stored == null || stored.kubeconfig() == null)) {
				problems.add(new FieldProblem("kubernetes.kubeconfig", "is required when auth is kubeconfig"));
			}
			else if (kubernetes.kubeconfig() != null) {
				String problem = kubeconfigProblem(kubernetes.kubeconfig());
				if (problem != null) {
					problems.add(new FieldProblem("kubernetes.kubeconfig", problem));
				}
			}
		}
		else {
			if (kubernetes.token() == null && (stored == null || stored.token() == null)) {
				problems.add(new FieldProblem("kubernetes.token", "is required when auth is token"));
			}
			else if (kubernetes.token() != null && kubernetes.token().chars().anyMatch(Character::isWhitespace)) {
				problems.add(new FieldProblem("kubernetes.token", "must not contain spaces or line breaks"));
			}
		}
		if (kubernetes.caCertificate() != null && !isCertificate(kubernetes.caCertificate())) {
			problems.add(new FieldProblem("kubernetes.caCertificate",
					"is not a PEM certificate (-----BEGIN CERTIFICATE----- ...)"));
		}
	}

	private static void checkTf(ClusterRequest.TfAccess tf, Cluster.@Nullable Secrets stored,
			List<FieldProblem> problems) {
		if (tf.auth() != TfAuth.KEYSTONE) {
			return;
		}
		if (tf.keystone() == null) {
			problems.add(new FieldProblem("tungstenFabric.keystone",
					"is required when auth is keystone (url, username, password, project)"));
		}
		else if (tf.keystone().password() == null && (stored == null || stored.keystonePassword() == null)) {
			problems.add(new FieldProblem("tungstenFabric.keystone.password", "is required when auth is keystone"));
		}
	}

	private static void checkIntrospect(ClusterRequest.IntrospectAccess introspect, Cluster.@Nullable Secrets stored,
			List<FieldProblem> problems) {
		pem("introspect.caCertificate", introspect.caCertificate(), TlsMaterial::certificates, problems);
		pem("introspect.clientCertificate", introspect.clientCertificate(), TlsMaterial::certificates, problems);
		pem("introspect.clientKey", introspect.clientKey(), TlsMaterial::privateKey, problems);
		boolean certificate = introspect.clientCertificate() != null
				|| (stored != null && stored.introspectClientCertificate() != null);
		boolean key = introspect.clientKey() != null || (stored != null && stored.introspectClientKey() != null);
		if (certificate && !key) {
			problems.add(new FieldProblem("introspect.clientKey", "is required with a client certificate"));
		}
		if (key && !certificate) {
			problems.add(new FieldProblem("introspect.clientCertificate", "is required with a client key"));
		}
	}

	private static void pem(String field, @Nullable String pem, Function<String, ?> read, List<FieldProblem> problems) {
		if (pem == null) {
			return;
		}
		try {
			read.apply(pem);
		}
		catch (TlsMaterial.InvalidPemException ex) {
			problems.add(new FieldProblem(field, "is not usable PEM: " + ex.getMessage()));
		}
	}

	/** Why the text is not a usable kubeconfig, or null when it is one. */
	static @Nullable String kubeconfigProblem(String text) {
		if (text.length() > ClusterRequest.MAX_KUBECONFIG) {
			// the size constraint names the limit; parsing a huge document first is the cost to avoid
			return null;
		}
		Object document;
		try {
			LoaderOptions options = new LoaderOptions();
			options.setCodePointLimit(2 * 1024 * 1024);
			options.setAllowDuplicateKeys(false);
			document = new Yaml(new SafeConstructor(options)).load(text);
		}
		catch (YAMLException ex) {
			return "is not valid YAML: " + firstLine(ex.getMessage());
		}
		if (!(document instanceof Map<?, ?> config)) {
			return "is not a kubeconfig: expected a YAML mapping with clusters, users and contexts";
		}
		if (!(config.get("clusters") instanceof List<?> clusters) || clusters.isEmpty()) {
			return "is not a kubeconfig: it lists no clusters";
		}
		if (!(config.get("users") instanceof List<?> users) || users.isEmpty()) {
			return "is not a kubeconfig: it lists no users";
		}
		return null;
	}

	private static boolean isCertificate(String pem) {
		if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
			return false;
		}
		try {
			return !CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
				.isEmpty();
		}
		catch (CertificateException ex) {
			return false;
		}
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "unreadable";
		}
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}

}
