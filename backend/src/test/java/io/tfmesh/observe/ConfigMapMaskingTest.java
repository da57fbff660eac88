package io.tfmesh.observe;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tfmesh.fabric.kubernetes.ConfigMapData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys below are the ones TF's own installers put into ConfigMaps, read from the upstream
 * sources named at each fixture (tungstenfabric/tf-container-builder @506352d,
 * tungstenfabric/tf-helm-deployer @f97566c, tungstenfabric/tf-operator @6ae417f,
 * tungstenfabric/tf-ansible-deployer @d5dcd7b).
 */
class ConfigMapMaskingTest {

	private static final String HIDDEN = ConfigMapMasking.MASK;

	@Test
	void hidesTheSecretsOfTheSingleYamlEnvConfigMap() {
		// tf-container-builder kubernetes/manifests/contrail-non-nested-kubernetes.yaml, ConfigMap env;
		// contrail-standalone-kubernetes.yaml has the same METADATA_PROXY_SECRET
		Map<String, String> env = new LinkedHashMap<>();
		env.put("AUTH_MODE", "keystone");
		env.put("KEYSTONE_AUTH_HOST", "10.10.10.1");
		env.put("KEYSTONE_AUTH_ADMIN_TENANT", "admin");
		env.put("KEYSTONE_AUTH_ADMIN_USER", "admin");
		env.put("KEYSTONE_AUTH_ADMIN_PASSWORD", "c0ntrail123");
		env.put("KEYSTONE_AUTH_ADMIN_PORT", "35357");
		env.put("CONTROLLER_NODES", "10.0.0.5");
		env.put("METADATA_PROXY_SECRET", "contrail");
		env.put("RABBITMQ_NODES", "10.0.0.5");
		env.put("RABBITMQ_NODE_PORT", "5673");
		env.put("KUBERNETES_CLUSTER_NAME", "k8s");
		env.put("KUBERNETES_POD_SUBNETS", "10.32.0.0/12");
		env.put("KUBERNETES_SERVICE_SUBNETS", "10.96.0.0/12");
		env.put("KUBERNETES_IP_FABRIC_SUBNETS", "10.64.0.0/12");
		env.put("VROUTER_GATEWAY", "10.0.0.1");

		ConfigMapData masked = ConfigMapMasking.mask(new ConfigMapData("kube-system", "env", "7", env));

		Map<String, String> expected = new HashMap<>(env);
		expected.put("KEYSTONE_AUTH_ADMIN_PASSWORD", HIDDEN);
		expected.put("METADATA_PROXY_SECRET", HIDDEN);
		assertThat(masked.data()).isEqualTo(expected);
		assertThat(masked.namespace()).isEqualTo("kube-system");
		assertThat(masked.name()).isEqualTo("env");
		assertThat(masked.resourceVersion()).isEqualTo("7");
	}

	@Test
	void hidesTheErlangCookieOfTheRabbitmqConfigMap() {
		// tf-container-builder kubernetes/manifests/contrail-standalone-kubernetes.yaml, ConfigMap
		// rabbitmq-config; whoever holds the cookie controls the RabbitMQ cluster
		ConfigMapData masked = ConfigMapMasking.mask(new ConfigMapData("kube-system", "rabbitmq-config", "1",
				Map.of("RABBITMQ_ERLANG_COOKIE", "47EFF3BB-4786-46E0-A5BB-58455B3C2CB4")));

		assertThat(masked.data()).containsExactly(Map.entry("RABBITMQ_ERLANG_COOKIE", HIDDEN));
	}

	@Test
	void keepsThePathOfKubeManagersTokenFile() {
		// tf-container-builder kubernetes/manifests/contrail-standalone-kubernetes.yaml, ConfigMap kube-manager-config
		Map<String, String> data = Map.of("KUBERNETES_API_SERVER", "10.0.0.5", "KUBERNETES_API_SECURE_PORT", "6443",
				"K8S_TOKEN_FILE", "/tmp/serviceaccount/token");

		assertThat(ConfigMapMasking.mask(new ConfigMapData("kube-system", "kube-manager-config", "1", data)).data())
			.isEqualTo(data);
	}

	@Test
	void hidesTheRabbitmqPasswordOfTheHelmChart() {
		// tf-helm-deployer contrail-controller/templates/configmap-env.yaml, ConfigMap contrail-controller-rabbitmq
		Map<String, String> data = Map.of("RABBITMQ_NODES", "rabbitmq.openstack.svc", "RABBITMQ_NODE_PORT", "5672",
				"RABBITMQ_USER", "guest", "RABBITMQ_PASSWORD", "guest", "RABBITMQ_USE_SSL", "false", "RABBITMQ_VHOST",
				"/");

		assertThat(ConfigMapMasking.mask(new ConfigMapData("openstack", "contrail-controller-rabbitmq", "1", data))
			.data()).isEqualTo(Map.of("RABBITMQ_NODES", "rabbitmq.openstack.svc", "RABBITMQ_NODE_PORT", "5672",
					"RABBITMQ_USER", "guest", "RABBITMQ_PASSWORD", HIDDEN, "RABBITMQ_USE_SSL", "false",
					"RABBITMQ_VHOST", "/"));
	}

	/**
	 * Every secret the containers read from their environment: tf-helm-deployer's
	 * contrail-controller-env ConfigMap carries whatever {@code global.contrail_env} lists, and
	 * common.env sets the same variables (tf-container-builder containers/base/common.sh and the
	 * entrypoints named below; tf-ansible-deployer contrail_configuration.md lists the same defaults).
	 */
	@ParameterizedTest
	@ValueSource(strings = {
			// containers/base/common.sh
			"KEYSTONE_AUTH_ADMIN_PASSWORD", "METADATA_PROXY_SECRET", "RABBITMQ_PASSWORD", "REDIS_SERVER_PASSWORD",
			"CASSANDRA_SSL_KEYSTORE_PASSWORD", "CASSANDRA_SSL_TRUSTSTORE_PASSWORD", "CASSANDRA_REAPER_JMX_KEY",
			"CASSANDRA_REAPER_JMX_AUTH_PASSWORD", "RNDC_KEY", "BARBICAN_PASSWORD", "WEBUI_STATIC_AUTH_PASSWORD",
			// containers/kubernetes/kube-manager/entrypoint.sh, containers/vrouter/agent/actions.sh
			"K8S_TOKEN",
			// containers/external/rabbitmq/contrail-entrypoint.sh
			"RABBITMQ_ERLANG_COOKIE", "RABBITMQ_DEFAULT_PASS",
			// containers/external/kafka/docker-entrypoint.sh
			"KAFKA_KEY_PASSWORD", "KAFKA_STORE_PASSWORD",
			// the same keys, written in lower case
			"rabbitmq_password", "k8s_token" })
	void hidesEverySecretTheTfContainersRead(String key) {
		assertThat(ConfigMapMasking.isSecret(key)).isTrue();
		assertThat(ConfigMapMasking.mask(new ConfigMapData("kube-system", "env", "1", Map.of(key, "s3cret"))).data())
			.containsExactly(Map.entry(key, HIDDEN));
	}

	/** Settings that name certificates, key files, users and ports are shown: they are needed to diagnose TLS and auth. */
	@ParameterizedTest
	@ValueSource(strings = {
			// containers/base/common.sh: XMPP, introspect, Sandesh and server TLS take key files, not keys
			"SERVER_KEYFILE", "SERVER_CA_KEYFILE", "XMPP_SERVER_KEYFILE", "INTROSPECT_KEYFILE", "SANDESH_KEYFILE",
			"SANDESH_SERVER_KEYFILE", "RABBITMQ_SSL_KEYFILE", "METADATA_SSL_KEYFILE", "KEYSTONE_AUTH_KEYFILE",
			"WEBUI_SSL_KEY_FILE", "K8S_TOKEN_FILE", "XMPP_SSL_ENABLE", "INTROSPECT_SSL_ENABLE",
			"KEYSTONE_AUTH_ADMIN_USER", "KEYSTONE_AUTH_ADMIN_TENANT", "KEYSTONE_AUTH_HOST", "RABBITMQ_USER",
			"RABBITMQ_NODE_PORT", "AUTH_MODE", "AAA_MODE", "KUBERNETES_API_SERVER", "KUBERNETES_POD_SUBNETS",
			"KUBERNETES_CLUSTER_NAME", "CONTROLLER_NODES", "VROUTER_GATEWAY", "PHYSICAL_INTERFACE", "LOG_LEVEL",
			"CASSANDRA_CLUSTER_NAME", "ZOOKEEPER_PORTS", "KEYSTONE_AUTH_URL_VERSION", "token_file", "k8s_token_file" })
	void showsWhatIsNoSecret(String key) {
		assertThat(ConfigMapMasking.isSecret(key)).isFalse();
		assertThat(ConfigMapMasking.mask(new ConfigMapData("kube-system", "env", "1", Map.of(key, "v"))).data())
			.containsExactly(Map.entry(key, "v"));
	}

	@Test
	void hidesTheSecretSettingsOfAKubeManagerConfigFileThatTfOperatorKeepsInAConfigMap() {
		// tf-operator pkg/apis/tf/v1alpha1/templates/kubemanager_config.go, rendered by
		// pkg/apis/tf/v1alpha1/kubemanager_types.go into data["kubemanager.<pod IP>"]
		String file = """
				[DEFAULTS]
				host_ip=10.0.0.5
				orchestrator=kubernetes
				token=eyJhbGciOiJSUzI1NiIsImtpZCI6IiJ9.payload.signature
				log_level=SYS_NOTICE

				[KUBERNETES]
				kubernetes_api_secure_port=6443
				cluster_name=k8s
				pod_subnets=10.32.0.0/12
				service_subnets=10.96.0.0/12

				[VNC]
				rabbit_user=guest
				rabbit_password=guest
				kombu_ssl_keyfile=/etc/certificates/client-key-10.0.0.5.pem

				[AUTH]
				auth_user=admin
				auth_password = contrail123
				auth_tenant=admin
				""";

		ConfigMapData masked = ConfigMapMasking.mask(new ConfigMapData("tf", "kubemanager1-kubemanager-configmap", "3",
				Map.of("kubemanager.10.0.0.5", file, "run-kubemanager.sh", "#!/bin/bash\nexec kube-manager\n")));

		assertThat(masked.data()).containsEntry("kubemanager.10.0.0.5", file
			.replace("token=eyJhbGciOiJSUzI1NiIsImtpZCI6IiJ9.payload.signature", "token=" + HIDDEN)
			.replace("rabbit_password=guest", "rabbit_password=" + HIDDEN)
			.replace("auth_password = contrail123", "auth_password = " + HIDDEN))
			.containsEntry("run-kubemanager.sh", "#!/bin/bash\nexec kube-manager\n");
	}

	@Test
	void hidesSecretsInShellYamlAndJavaOptionFilesOfTfOperator() {
		// tf-operator pkg/apis/tf/v1alpha1/rabbitmq_types.go (rabbitmq-common.env),
		// templates/cassandra_config.go (cassandra.yaml, nodetool-ssl.properties),
		// templates/vrouter_config.go (commented-out K8S_TOKEN, METADATA_PROXY_SECRET)
		String shell = "export RABBITMQ_ERLANG_COOKIE=47EFF3BB\nexport RABBITMQ_USE_LONGNAME=true\n"
				+ "#K8S_TOKEN=\"eyJhbGciOi\"\r\nMETADATA_PROXY_SECRET=\"contrail\"  \nLOG_LEVEL=\"SYS_NOTICE\"\n"
				+ "# config_db_password=\n";
		String yaml = "server_encryption_options:\n  keystore: /etc/keystore/server-keystore.jks\n"
				+ "  keystore_password: astrophytum\n  truststore_password: ornatum\n";
		String options = "-Dssl.enable=true\n-Djavax.net.ssl.keyStorePassword=astrophytum\n";

		ConfigMapData masked = ConfigMapMasking.mask(new ConfigMapData("tf", "configs", "1",
				Map.of("rabbitmq-common.env", shell, "cassandra.10.0.0.5.yaml", yaml,
						"nodetool-ssl.properties.10.0.0.5", options)));

		assertThat(masked.data()).containsEntry("rabbitmq-common.env",
				"export RABBITMQ_ERLANG_COOKIE=(hidden)\nexport RABBITMQ_USE_LONGNAME=true\n"
						+ "#K8S_TOKEN=(hidden)\r\nMETADATA_PROXY_SECRET=(hidden)  \nLOG_LEVEL=\"SYS_NOTICE\"\n"
						+ "# config_db_password=\n")
			.containsEntry("cassandra.10.0.0.5.yaml", "server_encryption_options:\n"
					+ "  keystore: /etc/keystore/server-keystore.jks\n  keystore_password: (hidden)\n"
					+ "  truststore_password: (hidden)\n")
			.containsEntry("nodetool-ssl.properties.10.0.0.5",
					"-Dssl.enable=true\n-Djavax.net.ssl.keyStorePassword=(hidden)\n");
	}

	@Test
	void readsAFileFromItsFirstLine() {
		ConfigMapData masked = ConfigMapMasking.mask(new ConfigMapData("tf", "configs", "1",
				Map.of("kubemanager.10.0.0.5", "\ntoken=eyJhbGciOi\n")));

		assertThat(masked.data()).containsExactly(Map.entry("kubemanager.10.0.0.5", "\ntoken=(hidden)\n"));
	}

	@Test
	void hidesAWholeFileThatIsNamedLikeASecretOrHoldsAPrivateKey() {
		// tf-operator pkg/apis/tf/v1alpha1/cassandra_types.go: data["jmxremote.password.<pod IP>"]
		ConfigMapData masked = ConfigMapMasking.mask(new ConfigMapData("tf", "configs", "1",
				Map.of("jmxremote.password.10.0.0.5", "cassandra cassandra\nreaperUser reaperPass\n", "server.pem",
						"-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n", "ca.crt",
						"-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n")));

		assertThat(masked.data()).containsEntry("jmxremote.password.10.0.0.5", HIDDEN)
			.containsEntry("server.pem", HIDDEN)
			.containsEntry("ca.crt", "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n");
	}

	@Test
	void leavesValuesWithoutSecretsAsTheyAre() {
		String script = "#!/bin/bash\nexec /usr/bin/contrail-kube-manager -c /etc/contrailconfigmaps/kubemanager.${POD_IP}\n";
		Map<String, String> data = new HashMap<>();
		data.put("run-kubemanager.sh", script);
		data.put("empty", "");
		data.put("KUBERNETES_PUBLIC_FIP_POOL", "{'domain': 'default-domain', 'project': 'admin', 'name': 'public'}");
		data.put("missing", null);

		assertThat(ConfigMapMasking.mask(new ConfigMapData("kube-system", "env", "1", data)).data()).isEqualTo(data);
	}

}
