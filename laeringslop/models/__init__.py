from .organisation import Municipality, Region, Unit, UnitKind
from .people import Role, RoleAssignment, User

__all__ = ["Municipality", "Region", "Unit", "UnitKind", "Role", "RoleAssignment", "User"]
