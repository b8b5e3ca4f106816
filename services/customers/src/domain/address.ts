import { badInput, notFound } from '@vinculo/common';
import { optionalText, requiredText } from './text';

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** An address of the customer as stored inside it. */
export interface Address {
  id: string;
  label: string | null;
  line: string;
  city: string | null;
  district: string | null;
  neighbourhood: string | null;
  coordinates: GeoPoint | null;
}

export interface AddressFields {
  label?: string | null;
  line: string;
  city?: string | null;
  district?: string | null;
  neighbourhood?: string | null;
  coordinates?: GeoPoint | null;
}

export const MAX_ADDRESSES = 20;

/** WGS 84 coordinates within range; BAD_USER_INPUT on `coordinates` otherwise. */
export function validGeoPoint(point: GeoPoint | null | undefined): GeoPoint | null {
  if (!point) return null;
  const { latitude, longitude } = point;
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90) throw badInput('latitude must be between -90 and 90', 'coordinates');
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180) throw badInput('longitude must be between -180 and 180', 'coordinates');
  return { latitude, longitude };
}

/** Add a validated address (at most MAX_ADDRESSES). */
export function addAddress(addresses: Address[], id: string, fields: AddressFields): Address[] {
  if (addresses.length >= MAX_ADDRESSES) throw badInput(`a customer has at most ${MAX_ADDRESSES} addresses`, 'address');
  const address: Address = {
    id,
    label: optionalText(fields.label, 'label', 2, 60),
    line: requiredText(fields.line, 'line', 5, 300),
    city: optionalText(fields.city, 'city', 2, 80),
    district: optionalText(fields.district, 'district', 1, 80),
    neighbourhood: optionalText(fields.neighbourhood, 'neighbourhood', 2, 120),
    coordinates: validGeoPoint(fields.coordinates),
  };
  return [...addresses, address];
}

/** Remove an address; NOT_FOUND when the customer has none with that id. */
export function removeAddress(addresses: Address[], id: string): Address[] {
  if (!addresses.some((a) => a.id === id)) throw notFound('Address', id);
  return addresses.filter((a) => a.id !== id);
}
