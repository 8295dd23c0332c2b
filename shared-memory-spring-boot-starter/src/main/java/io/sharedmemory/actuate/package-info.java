/**
 * Operations views of the store for Spring Boot Actuator: its health, an endpoint, its
 * meters. Each applies only when the application has the matching module on its class path.
 */
package io.sharedmemory.actuate;
