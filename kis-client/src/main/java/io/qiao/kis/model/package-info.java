/** Immutable values of the KIS client: bills to create, what KIS answers, materials and queries. */
package io.qiao.kis.model;
