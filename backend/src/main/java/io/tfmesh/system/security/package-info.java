/**
 * Security configuration: the two filter chains, the role hierarchy and method security, the
 * sessions that end with their account's access, the login limits and the security headers.
 * Its public types are the service provider interface
 * {@link io.tfmesh.system.security.ApiTokenAuthenticator}, which the module that keeps API
 * tokens implements, so that security depends on no feature module, and the
 * {@link io.tfmesh.system.security.LoginEvent} that the audit log records.
 */
@NamedInterface("security")
package io.tfmesh.system.security;

import org.springframework.modulith.NamedInterface;
