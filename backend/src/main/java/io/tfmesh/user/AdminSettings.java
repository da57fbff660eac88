package io.tfmesh.user;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The account created on first start.
 *
 * @param password its password ({@code TFMESH_ADMIN_PASSWORD}); generated and logged once when absent
 */
@ConfigurationProperties("tfmesh.admin")
record AdminSettings(@DefaultValue("admin") String username, @Nullable String password) {
}
